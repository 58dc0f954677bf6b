package dev.sqlite2pg.sql;

import java.util.Locale;
import java.util.Set;

/**
 * The one function that puts a name into SQL text, in both dialects (a double-quoted identifier
 * means the same in SQLite and PostgreSQL), and what PostgreSQL needs quoted.
 *
 * <p>SQLite names are case-insensitive, PostgreSQL folds unquoted names to lower case. Folding
 * "InvoiceLine" to invoiceline keeps an application's unquoted SQL working; a name that is not a
 * plain identifier ("Order Details", "table/with/slashes.csv") keeps its spelling and needs quotes
 * in every query, as it did in SQLite.
 */
public final class Identifiers {

  /**
   * PostgreSQL's reserved key words (and those not allowed as column names): a column named like
   * this must be quoted in every query, which SQLite applications often do not do.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "authorization",
          "binary",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "collation",
          "column",
          "concurrently",
          "constraint",
          "create",
          "cross",
          "current_catalog",
          "current_date",
          "current_role",
          "current_schema",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "freeze",
          "from",
          "full",
          "grant",
          "group",
          "having",
          "ilike",
          "in",
          "initially",
          "inner",
          "intersect",
          "into",
          "is",
          "isnull",
          "join",
          "lateral",
          "leading",
          "left",
          "like",
          "limit",
          "localtime",
          "localtimestamp",
          "natural",
          "not",
          "notnull",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "outer",
          "overlaps",
          "placing",
          "primary",
          "references",
          "returning",
          "right",
          "select",
          "session_user",
          "similar",
          "some",
          "symmetric",
          "system_user",
          "table",
          "tablesample",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "verbose",
          "when",
          "where",
          "window",
          "with");

  private Identifiers() {}

  /** The only way a name enters SQL text: always double-quoted, embedded quotes doubled. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  public static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /** Whether PostgreSQL needs quotes around this (already target-cased) name in queries. */
  public static boolean needsQuotes(String name) {
    return !isPlain(name) || RESERVED.contains(name);
  }

  public static boolean isReserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }

  /** A name as PostgreSQL would accept it unquoted after folding: letters, digits, _ and $. */
  public static boolean isPlain(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if (!(first == '_' || (first >= 'a' && first <= 'z'))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
