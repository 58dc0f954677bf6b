package dev.sqlite2pg.sqlite;

import java.util.Locale;

/** SQLite's type affinity, decided from the declared type by SQLite's own five rules (in order). */
public enum Affinity {
  INTEGER,
  TEXT,
  BLOB,
  REAL,
  NUMERIC;

  /** https://www.sqlite.org/datatype3.html#determination_of_column_affinity */
  public static Affinity of(String declaredType) {
    String t = declaredType.toUpperCase(Locale.ROOT);
    if (t.contains("INT")) {
      return INTEGER;
    }
    if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
      return TEXT;
    }
    if (t.contains("BLOB") || t.isBlank()) {
      return BLOB;
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
      return REAL;
    }
    return NUMERIC;
  }
}
