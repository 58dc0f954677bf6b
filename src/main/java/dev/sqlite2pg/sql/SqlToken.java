package dev.sqlite2pg.sql;

import java.util.Locale;

/**
 * One lexical token of SQLite SQL, with its place in the original text so callers can quote the
 * source exactly (a CHECK body or a DEFAULT expression is kept as SQLite wrote it).
 *
 * @param text the token exactly as written, quotes included
 * @param start offset of the first character in the source
 * @param end offset just past the last character
 */
public record SqlToken(Kind kind, String text, int start, int end) {

  public enum Kind {
    /** A bare word: a keyword or an unquoted identifier; SQLite does not tell them apart. */
    WORD,
    /** An identifier quoted with "double quotes", `backticks` or [brackets]. */
    QUOTED_IDENTIFIER,
    /** A 'string literal'. */
    STRING,
    /** A blob literal, X'0A1B'. */
    BLOB,
    NUMBER,
    /** A bound parameter: ?, ?1, :name, @name, $name. */
    PARAMETER,
    /** Punctuation and operators: ( ) , ; . || == != <> <= >= -> ->> and single characters. */
    OPERATOR
  }

  /** True for a bare word equal to {@code keyword}, ignoring case. */
  public boolean isWord(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  public boolean isOperator(String op) {
    return kind == Kind.OPERATOR && text.equals(op);
  }

  /** A word or a quoted identifier: anything SQLite may read as a name. */
  public boolean isName() {
    return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
  }

  /**
   * The name or string a token stands for: quotes removed and doubled quote characters collapsed
   * ({@code "a""b"} is {@code a"b}, {@code 'it''s'} is {@code it's}). Other tokens return their
   * text.
   */
  public String value() {
    switch (kind) {
      case QUOTED_IDENTIFIER:
        char open = text.charAt(0);
        String inner = text.substring(1, text.length() - 1);
        if (open == '[') {
          return inner; // brackets have no escape: [a]]b] is not SQLite
        }
        String q = String.valueOf(open);
        return inner.replace(q + q, q);
      case STRING:
        return text.substring(1, text.length() - 1).replace("''", "'");
      case BLOB:
        return text.substring(2, text.length() - 1);
      default:
        return text;
    }
  }

  /** The word in upper case (for keyword comparisons); other tokens unchanged. */
  public String upper() {
    return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
  }
}
