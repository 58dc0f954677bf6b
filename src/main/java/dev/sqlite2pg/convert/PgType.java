package dev.sqlite2pg.convert;

import java.util.Locale;
import java.util.Objects;

/**
 * A PostgreSQL column type the tool can write in binary COPY.
 *
 * @param kind the family, which decides the binary encoding
 * @param sql the type as it appears in DDL ("numeric(10,2)", "bigint", "timestamptz")
 */
public record PgType(Kind kind, String sql) {

  public enum Kind {
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    NUMERIC,
    TEXT,
    BYTEA,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ,
    JSON,
    JSONB,
    UUID
  }

  public static final PgType BIGINT = new PgType(Kind.BIGINT, "bigint");
  public static final PgType DOUBLE = new PgType(Kind.DOUBLE, "double precision");
  public static final PgType NUMERIC = new PgType(Kind.NUMERIC, "numeric");
  public static final PgType TEXT = new PgType(Kind.TEXT, "text");
  public static final PgType BYTEA = new PgType(Kind.BYTEA, "bytea");
  public static final PgType BOOLEAN = new PgType(Kind.BOOLEAN, "boolean");
  public static final PgType DATE = new PgType(Kind.DATE, "date");
  public static final PgType TIMESTAMP = new PgType(Kind.TIMESTAMP, "timestamp");
  public static final PgType TIMESTAMPTZ = new PgType(Kind.TIMESTAMPTZ, "timestamptz");
  public static final PgType JSONB = new PgType(Kind.JSONB, "jsonb");

  public PgType {
    Objects.requireNonNull(kind, "No type kind provided");
    Objects.requireNonNull(sql, "No type SQL provided");
  }

  public static PgType numeric(int precision, int scale) {
    return new PgType(Kind.NUMERIC, String.format(Locale.ROOT, "numeric(%d,%d)", precision, scale));
  }
}
