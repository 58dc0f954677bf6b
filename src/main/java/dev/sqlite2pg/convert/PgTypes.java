package dev.sqlite2pg.convert;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the PostgreSQL type names a user may give in {@code --cast}. */
public final class PgTypes {

  private static final Map<String, PgType> NAMES =
      Map.ofEntries(
          Map.entry("smallint", new PgType(PgType.Kind.SMALLINT, "smallint")),
          Map.entry("int2", new PgType(PgType.Kind.SMALLINT, "smallint")),
          Map.entry("integer", new PgType(PgType.Kind.INTEGER, "integer")),
          Map.entry("int", new PgType(PgType.Kind.INTEGER, "integer")),
          Map.entry("int4", new PgType(PgType.Kind.INTEGER, "integer")),
          Map.entry("bigint", PgType.BIGINT),
          Map.entry("int8", PgType.BIGINT),
          Map.entry("real", new PgType(PgType.Kind.REAL, "real")),
          Map.entry("float4", new PgType(PgType.Kind.REAL, "real")),
          Map.entry("double precision", PgType.DOUBLE),
          Map.entry("float8", PgType.DOUBLE),
          Map.entry("numeric", PgType.NUMERIC),
          Map.entry("decimal", PgType.NUMERIC),
          Map.entry("text", PgType.TEXT),
          Map.entry("varchar", PgType.TEXT),
          Map.entry("character varying", PgType.TEXT),
          Map.entry("bytea", PgType.BYTEA),
          Map.entry("boolean", PgType.BOOLEAN),
          Map.entry("bool", PgType.BOOLEAN),
          Map.entry("date", PgType.DATE),
          Map.entry("timestamp", PgType.TIMESTAMP),
          Map.entry("timestamp without time zone", PgType.TIMESTAMP),
          Map.entry("timestamptz", PgType.TIMESTAMPTZ),
          Map.entry("timestamp with time zone", PgType.TIMESTAMPTZ),
          Map.entry("json", new PgType(PgType.Kind.JSON, "json")),
          Map.entry("jsonb", PgType.JSONB),
          Map.entry("uuid", new PgType(PgType.Kind.UUID, "uuid")),
          Map.entry("citext", new PgType(PgType.Kind.TEXT, "citext")),
          Map.entry("bpchar", new PgType(PgType.Kind.BPCHAR, "bpchar")),
          Map.entry("char", new PgType(PgType.Kind.BPCHAR, "char(1)")),
          Map.entry("character", new PgType(PgType.Kind.BPCHAR, "char(1)")),
          Map.entry("time", PgType.TIME),
          Map.entry("time without time zone", PgType.TIME),
          Map.entry("timetz", new PgType(PgType.Kind.TIMETZ, "timetz")),
          Map.entry("time with time zone", new PgType(PgType.Kind.TIMETZ, "timetz")),
          Map.entry("interval", new PgType(PgType.Kind.INTERVAL, "interval")),
          Map.entry("inet", new PgType(PgType.Kind.INET, "inet")),
          Map.entry("cidr", new PgType(PgType.Kind.CIDR, "cidr")),
          Map.entry("macaddr", new PgType(PgType.Kind.MACADDR, "macaddr")));

  /** "time(3) with time zone", "timestamp(6) without time zone", "timetz(0)", "interval(3)". */
  private static final Pattern WITH_PRECISION =
      Pattern.compile(
          "(time|timetz|timestamp|timestamptz|interval) ?\\( ?([0-6]) ?\\)( with(out)? time zone)?");

  private static final Pattern WITH_LENGTH =
      Pattern.compile("(varchar|character varying|char|character|bpchar) ?\\( ?(\\d+) ?\\)");

  private PgTypes() {}

  /**
   * "numeric(12,2)", "varchar(40)", "jsonb", "text[]", ... and the names format_type() gives
   * ("character varying(40)", "time(6) with time zone"); or a BAD_ARGUMENTS error listing what
   * works. Enums and domains are known by their catalog entry, not by name: see {@code
   * plan.TargetFit}.
   */
  public static PgType parse(String text) {
    return known(text)
        .orElseThrow(
            () ->
                new MigrationException(
                    Code.BAD_ARGUMENTS,
                    "unknown PostgreSQL type '"
                        + text
                        + "' in --cast: use one of smallint, integer, bigint, real, double"
                        + " precision, numeric[(p,s)], text, varchar(n), char(n), citext, bytea,"
                        + " boolean, date, time, timetz, timestamp, timestamptz, interval, json,"
                        + " jsonb, uuid, inet, cidr, macaddr, or an array of one of them, e.g."
                        + " text[]"));
  }

  /** The type {@code text} names, if the tool can write it. */
  public static Optional<PgType> known(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (t.endsWith("[]")) {
      return known(t.substring(0, t.length() - 2))
          .filter(e -> ArrayValues.oid(e).isPresent())
          .map(PgType::arrayOf);
    }
    PgType named = NAMES.get(t);
    if (named != null) {
      return Optional.of(named);
    }
    if (t.startsWith("numeric") || t.startsWith("decimal")) {
      return declaredNumeric(t.toUpperCase(Locale.ROOT));
    }
    Matcher len = WITH_LENGTH.matcher(t);
    if (len.matches()) {
      boolean varying = len.group(1).startsWith("varchar") || len.group(1).endsWith("varying");
      return Optional.of(
          new PgType(
              varying ? PgType.Kind.TEXT : PgType.Kind.BPCHAR,
              (varying ? "varchar(" : "char(") + len.group(2) + ")"));
    }
    Matcher p = WITH_PRECISION.matcher(t);
    if (p.matches()) {
      boolean zoned = " with time zone".equals(p.group(3)) || p.group(1).endsWith("tz");
      boolean timestamp = p.group(1).startsWith("timestamp");
      if (p.group(1).equals("interval")) {
        return p.group(3) == null
            ? Optional.of(new PgType(PgType.Kind.INTERVAL, "interval(" + p.group(2) + ")"))
            : Optional.empty();
      }
      PgType.Kind kind =
          timestamp
              ? (zoned ? PgType.Kind.TIMESTAMPTZ : PgType.Kind.TIMESTAMP)
              : (zoned ? PgType.Kind.TIMETZ : PgType.Kind.TIME);
      // The long spelling: translate.TargetKind (DEFAULTs) reads "timestamptz(3)" as a timestamp.
      String name = (timestamp ? "timestamp(" : "time(") + p.group(2) + ")";
      return Optional.of(new PgType(kind, zoned ? name + " with time zone" : name));
    }
    return Optional.empty();
  }

  /** "DECIMAL(10, 2)" to numeric(10,2); none for a bare DECIMAL or a precision PG refuses. */
  public static Optional<PgType> declaredNumeric(String declared) {
    int open = declared.indexOf('(');
    int close = declared.indexOf(')');
    if (open < 0 || close < open) {
      return Optional.empty();
    }
    String[] parts = declared.substring(open + 1, close).split(",");
    try {
      int precision = Integer.parseInt(parts[0].trim());
      int scale = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
      if (precision < 1 || precision > 1000 || scale < 0 || scale > precision) {
        return Optional.empty();
      }
      return Optional.of(PgType.numeric(precision, scale));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
