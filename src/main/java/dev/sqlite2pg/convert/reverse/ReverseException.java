package dev.sqlite2pg.convert.reverse;

/**
 * A PostgreSQL value that has no exact form in the SQLite column's shape: the message names the
 * column, the value and why, so a rollback can stop rather than write something else.
 */
public final class ReverseException extends Exception {

  private static final long serialVersionUID = 1L;

  public ReverseException(String column, String value, String reason) {
    super("column " + column + ": " + shorten(value) + " " + reason, null, false, false);
  }

  private static String shorten(String v) {
    if (v == null) {
      return "NULL";
    }
    return "'" + (v.length() > 60 ? v.substring(0, 60) + "..." : v) + "'";
  }
}
