package dev.sqlite2pg.plan;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.IntervalUnit;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.PgTypes;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's override of the type rules, as pgloader's CAST clauses: {@code table.column=type} for
 * one column, {@code DECLTYPE=type} for every column declared so (compared case-insensitively and
 * ignoring spaces). An interval may name the unit of the column's plain numbers: {@code
 * interval:microseconds} (Django's DurationField on SQLite), {@code :milliseconds}, {@code
 * :seconds}.
 */
public record Cast(
    Optional<String> table,
    Optional<String> column,
    Optional<String> declaredType,
    PgType type,
    Optional<IntervalUnit> intervalUnit) {

  public Cast(
      Optional<String> table, Optional<String> column, Optional<String> declaredType, PgType type) {
    this(table, column, declaredType, type, Optional.empty());
  }

  /** A cast's right-hand side: the type, and for an interval the unit of its numbers. */
  public record Target(PgType type, Optional<IntervalUnit> intervalUnit) {

    /** "numeric(12,2)", "interval:microseconds", ... */
    public static Target parse(String text) {
      int colon = text.indexOf(':');
      PgType type = PgTypes.parse(colon < 0 ? text : text.substring(0, colon));
      if (colon < 0) {
        return new Target(type, Optional.empty());
      }
      Optional<IntervalUnit> unit = IntervalUnit.parse(text.substring(colon + 1));
      if (type.kind() != PgType.Kind.INTERVAL || unit.isEmpty()) {
        throw new MigrationException(
            Code.BAD_ARGUMENTS,
            "cast type '"
                + text
                + "' is not valid: only an interval takes a unit of its numbers, one of"
                + " microseconds, milliseconds, seconds, e.g. interval:microseconds");
      }
      return new Target(type, unit);
    }

    /** {@code planned} reading this cast's numbers. */
    public EncoderOptions apply(EncoderOptions planned) {
      return intervalUnit.map(planned::withIntervalUnit).orElse(planned);
    }

    public String describe() {
      return type.sql() + intervalUnit.map(u -> ":" + u.sqlName()).orElse("");
    }
  }

  public static Cast parse(String spec) {
    int eq = spec.lastIndexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "--cast '"
              + spec
              + "' is not valid: write table.column=type or DECLTYPE=type, e.g. --cast 'orders.total=numeric(12,2)'");
    }
    String left = spec.substring(0, eq).trim();
    Target target = Target.parse(spec.substring(eq + 1));
    PgType type = target.type();
    int dot = left.lastIndexOf('.');
    if (dot > 0) {
      return new Cast(
          Optional.of(left.substring(0, dot)),
          Optional.of(left.substring(dot + 1)),
          Optional.empty(),
          type,
          target.intervalUnit());
    }
    return new Cast(
        Optional.empty(),
        Optional.empty(),
        Optional.of(normalise(left)),
        type,
        target.intervalUnit());
  }

  /** The planned options with this cast's interval unit, if it names one. */
  public EncoderOptions apply(EncoderOptions planned) {
    return new Target(type, intervalUnit).apply(planned);
  }

  public boolean appliesTo(String tableName, String columnName, String declared) {
    if (table.isPresent()) {
      return table.get().equalsIgnoreCase(tableName)
          && column.orElseThrow().equalsIgnoreCase(columnName);
    }
    return declaredType.orElseThrow().equals(normalise(declared));
  }

  private static String normalise(String declared) {
    return declared.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  public String describe() {
    return table.map(t -> t + "." + column.orElseThrow()).orElseGet(declaredType::orElseThrow)
        + "="
        + new Target(type, intervalUnit).describe();
  }
}
