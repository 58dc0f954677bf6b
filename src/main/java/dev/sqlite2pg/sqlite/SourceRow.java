package dev.sqlite2pg.sqlite;

/**
 * The current row of a SQLite read, column by column, without boxing. Column numbers are 0-based
 * positions in the SELECT list. Storage-class codes are SQLite's own (sqlite3_column_type).
 */
public interface SourceRow {
  int INTEGER = 1;
  int FLOAT = 2;
  int TEXT = 3;
  int BLOB = 4;
  int NULL = 5;

  /** The storage class of this value: INTEGER, FLOAT, TEXT, BLOB or NULL. */
  int type(int col);

  long getLong(int col);

  double getDouble(int col);

  /**
   * The value's bytes: a BLOB as stored, a TEXT as UTF-8 exactly as stored (never decoded and
   * re-encoded, so invalid UTF-8 stays visible). Only meaningful for TEXT and BLOB.
   */
  byte[] getBytes(int col);

  /** A short name for a storage class, as SQLite's typeof() spells it. */
  static String typeName(int storageClass) {
    return switch (storageClass) {
      case INTEGER -> "integer";
      case FLOAT -> "real";
      case TEXT -> "text";
      case BLOB -> "blob";
      case NULL -> "null";
      default -> "unknown(" + storageClass + ")";
    };
  }
}
