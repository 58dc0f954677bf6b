package dev.sqlite2pg.translate;

import java.util.Locale;

/** The broad kind of a PostgreSQL column type, which decides how a DEFAULT must be spelled. */
enum TargetKind {
  BOOLEAN,
  INTEGER,
  DECIMAL,
  TEXT,
  BYTEA,
  /** timestamp without time zone: SQLite's UTC wall-clock text belongs here. */
  TIMESTAMP,
  TIMESTAMPTZ,
  DATE,
  TIME,
  JSON,
  OTHER;

  /** Classifies type text such as "character varying(40)", "timestamp(3) with time zone". */
  static TargetKind of(String pgTypeSql) {
    String t = pgTypeSql.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (t.startsWith("bool")) {
      return BOOLEAN;
    }
    if (t.startsWith("smallint")
        || t.startsWith("integer")
        || t.startsWith("bigint")
        || t.equals("int")
        || t.matches("int[248]")
        || t.contains("serial")) {
      return INTEGER;
    }
    if (t.startsWith("numeric")
        || t.startsWith("decimal")
        || t.startsWith("real")
        || t.startsWith("double precision")
        || t.startsWith("float")) {
      return DECIMAL;
    }
    if (t.startsWith("text")
        || t.startsWith("varchar")
        || t.startsWith("character")
        || t.startsWith("char")
        || t.equals("citext")
        || t.equals("name")) {
      return TEXT;
    }
    if (t.equals("bytea")) {
      return BYTEA;
    }
    if (t.equals("timestamptz") || (t.startsWith("timestamp") && t.endsWith("with time zone"))) {
      return TIMESTAMPTZ;
    }
    if (t.startsWith("timestamp")) {
      return TIMESTAMP;
    }
    if (t.equals("date")) {
      return DATE;
    }
    if (t.startsWith("time")) {
      return TIME;
    }
    if (t.equals("json") || t.equals("jsonb")) {
      return JSON;
    }
    return OTHER;
  }
}
