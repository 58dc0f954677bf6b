package dev.sqlite2pg.convert;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL column type the tool can write in binary COPY.
 *
 * @param kind the family, which decides the binary encoding
 * @param sql the type as it appears in DDL ("numeric(10,2)", "bigint", "timestamptz",
 *     "varchar(40)", an enum's name as format_type() gives it)
 * @param labels an enum's labels in their order; empty for every other kind
 * @param element an array's element type; empty for every other kind
 */
public record PgType(Kind kind, String sql, List<String> labels, Optional<PgType> element) {

  public enum Kind {
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    NUMERIC,
    /** text, varchar(n) (its length in {@link #length()}), citext: all textsend on the wire. */
    TEXT,
    /** char(n): PostgreSQL pads it with spaces to n, and bpcharsend sends the padded value. */
    BPCHAR,
    BYTEA,
    BOOLEAN,
    DATE,
    TIME,
    TIMETZ,
    TIMESTAMP,
    TIMESTAMPTZ,
    INTERVAL,
    JSON,
    JSONB,
    UUID,
    INET,
    CIDR,
    MACADDR,
    /** A user-defined enum (CREATE TYPE ... AS ENUM): the label's text on the wire. */
    ENUM,
    /** A one-dimensional array of {@link #element()}. */
    ARRAY
  }

  private static final Pattern LENGTH = Pattern.compile("^[a-z ]+\\((\\d+)\\)$");
  private static final Pattern PRECISION =
      Pattern.compile("^(time|timestamp|interval)\\((\\d)\\)( with time zone)?$");

  public static final PgType BIGINT = new PgType(Kind.BIGINT, "bigint");
  public static final PgType DOUBLE = new PgType(Kind.DOUBLE, "double precision");
  public static final PgType NUMERIC = new PgType(Kind.NUMERIC, "numeric");
  public static final PgType TEXT = new PgType(Kind.TEXT, "text");
  public static final PgType BYTEA = new PgType(Kind.BYTEA, "bytea");
  public static final PgType BOOLEAN = new PgType(Kind.BOOLEAN, "boolean");
  public static final PgType DATE = new PgType(Kind.DATE, "date");
  public static final PgType TIME = new PgType(Kind.TIME, "time");
  public static final PgType TIMESTAMP = new PgType(Kind.TIMESTAMP, "timestamp");
  public static final PgType TIMESTAMPTZ = new PgType(Kind.TIMESTAMPTZ, "timestamptz");
  public static final PgType JSONB = new PgType(Kind.JSONB, "jsonb");

  public PgType {
    Objects.requireNonNull(kind, "No type kind provided");
    Objects.requireNonNull(sql, "No type SQL provided");
    labels = List.copyOf(labels);
    Objects.requireNonNull(element, "No element type provided; use Optional.empty() for none");
  }

  public PgType(Kind kind, String sql) {
    this(kind, sql, List.of(), Optional.empty());
  }

  public static PgType numeric(int precision, int scale) {
    return new PgType(Kind.NUMERIC, String.format(Locale.ROOT, "numeric(%d,%d)", precision, scale));
  }

  /** A user-defined enum named {@code sql} (as format_type() gives it) with these labels. */
  public static PgType enumType(String sql, List<String> labels) {
    return new PgType(Kind.ENUM, sql, labels, Optional.empty());
  }

  /** {@code element[]}. */
  public static PgType arrayOf(PgType element) {
    return new PgType(Kind.ARRAY, element.sql() + "[]", List.of(), Optional.of(element));
  }

  /** The n of varchar(n) and char(n), in characters (code points, as PostgreSQL counts). */
  public OptionalInt length() {
    if (kind != Kind.TEXT && kind != Kind.BPCHAR) {
      return OptionalInt.empty();
    }
    Matcher m = LENGTH.matcher(sql);
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * The fractional digits of seconds a time, timestamp or interval column keeps (its (p)); 6 when
   * none is given, which is PostgreSQL's microsecond resolution.
   */
  public int precision() {
    Matcher m = PRECISION.matcher(sql);
    return m.matches() ? Integer.parseInt(m.group(2)) : 6;
  }
}
