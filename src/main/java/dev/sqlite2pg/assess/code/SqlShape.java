package dev.sqlite2pg.assess.code;

import java.util.regex.Pattern;

/**
 * Whether a string in the application's code is SQL, so that SQL rules look only there: a log line
 * that says "rowid" or a label that says "Replace into folder" is not a query. A string is SQL when
 * it starts like a statement, when it is handed straight to a query method or assigned to a name
 * that says so, or when it holds upper-case clause keywords ({@code " WHERE p.id = ?"}, the second
 * half of a query built in pieces).
 */
final class SqlShape {

  private static final Pattern STATEMENT =
      Pattern.compile(
          "(?is)^[\\s(]*(?:"
              + "select\\s+(?:distinct\\s+)?(?:[\\w.*\"`\\[]+\\s*(?:,|from\\b|as\\b|\\()|\\*|\\d|')"
              + "|select\\b.*\\bfrom\\s+[\\w\"`\\[]"
              + "|insert\\s+(?:or\\s+\\w+\\s+)?into\\s"
              + "|replace\\s+into\\s+[\\w\"`\\[]+\\s*[(\\s]"
              + "|update\\s+(?:or\\s+\\w+\\s+)?[\\w\"`\\[.]+\\s+set\\s"
              + "|delete\\s+from\\s"
              + "|create\\s+(?:temp\\w*\\s+|unique\\s+|virtual\\s+)?(?:table|index|view|trigger)\\s"
              + "|drop\\s+(?:table|index|view|trigger)\\s"
              + "|alter\\s+table\\s"
              + "|pragma\\s+\\w+\\s*(?:[=(;]|$)"
              + "|with\\s+(?:recursive\\s+)?\\w+\\s*(?:\\(|as\\s*\\()"
              + "|begin(?:\\s+(?:deferred|immediate|exclusive))?(?:\\s+transaction)?\\s*;?\\s*$"
              + "|(?:vacuum|analyze|reindex)\\s*;?\\s*$"
              + "|(?:attach|detach)\\s+(?:database\\s+)?['\\w]"
              + "|explain\\s+(?:query\\s+plan\\s+)?(?:select|insert|update|delete)\\b)");

  /** Upper-case keywords that only SQL writes this way. */
  private static final Pattern CLAUSE =
      Pattern.compile(
          "\\b(?:WHERE|FROM|ORDER BY|GROUP BY|VALUES|INNER JOIN|LEFT JOIN|SET \\w+ ="
              + "|LIMIT -?(?:\\d+|\\?)(?:\\s+OFFSET\\b|\\s*;?\\s*$))"
              + "(?=\\s|$)");

  /** Calls that take SQL, and names that hold it. */
  private static final Pattern CONTEXT =
      Pattern.compile(
          "(?:(?:\\b|\\.)(?:execute\\w*|executemany|query\\w*|prepare\\w*|exec|raw\\w*|text"
              + "|find_by_sql|select_\\w+|where|having|order|group|joins|createQuery"
              + "|createNativeQuery|Exec\\w*|Query\\w*|Prepare\\w*)\\s*\\(\\s*"
              + "|\\b\\w*(?i:sql|query|stmt|statement|ddl|schema)\\w*\\s*(?::=|=>|=|:)\\s*)$");

  private SqlShape() {}

  /** Whether {@code string} is SQL. */
  static boolean isSql(EmbeddedSql string) {
    String text = string.text();
    if (text.isBlank()) {
      return false;
    }
    return STATEMENT.matcher(text).find()
        || CLAUSE.matcher(text).find()
        || CONTEXT.matcher(string.before()).find();
  }
}
