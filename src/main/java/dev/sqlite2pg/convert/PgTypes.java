package dev.sqlite2pg.convert;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
          Map.entry("uuid", new PgType(PgType.Kind.UUID, "uuid")));

  private PgTypes() {}

  /** "numeric(12,2)", "varchar(40)", "jsonb", ... or a BAD_ARGUMENTS error listing what works. */
  public static PgType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    PgType known = NAMES.get(t);
    if (known != null) {
      return known;
    }
    Optional<PgType> numeric =
        t.startsWith("numeric") || t.startsWith("decimal")
            ? declaredNumeric(t.toUpperCase(Locale.ROOT))
            : Optional.empty();
    if (numeric.isPresent()) {
      return numeric.get();
    }
    if (t.matches("(varchar|character varying|char|character)\\s*\\(\\s*\\d+\\s*\\)")) {
      return new PgType(PgType.Kind.TEXT, t.replace(" ", ""));
    }
    throw new MigrationException(
        Code.BAD_ARGUMENTS,
        "unknown PostgreSQL type '"
            + text
            + "' in --cast: use one of smallint, integer, bigint, real, double precision,"
            + " numeric[(p,s)], text, varchar(n), bytea, boolean, date, timestamp, timestamptz,"
            + " json, jsonb, uuid");
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
