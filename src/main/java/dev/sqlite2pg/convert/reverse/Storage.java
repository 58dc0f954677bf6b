package dev.sqlite2pg.convert.reverse;

/**
 * SQLite's storage classes, as sqlite3 typeof() names them, for the values sqlite-jdbc returns and
 * the values a reverse writes (Long, Double, String, byte[]).
 */
public enum Storage {
  INTEGER,
  REAL,
  TEXT,
  BLOB;

  /** The storage class of a value as sqlite-jdbc returns it; Integer counts as INTEGER. */
  public static Storage of(Object v) {
    if (v instanceof Long || v instanceof Integer) {
      return INTEGER;
    }
    if (v instanceof Double) {
      return REAL;
    }
    if (v instanceof String) {
      return TEXT;
    }
    if (v instanceof byte[]) {
      return BLOB;
    }
    throw new IllegalArgumentException(
        "No SQLite storage class for " + (v == null ? "null" : v.getClass().getName()));
  }
}
