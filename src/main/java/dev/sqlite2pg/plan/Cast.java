package dev.sqlite2pg.plan;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.PgTypes;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's override of the type rules, as pgloader's CAST clauses: {@code table.column=type} for
 * one column, {@code DECLTYPE=type} for every column declared so (compared case-insensitively and
 * ignoring spaces).
 */
public record Cast(
    Optional<String> table, Optional<String> column, Optional<String> declaredType, PgType type) {

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
    PgType type = PgTypes.parse(spec.substring(eq + 1));
    int dot = left.lastIndexOf('.');
    if (dot > 0) {
      return new Cast(
          Optional.of(left.substring(0, dot)),
          Optional.of(left.substring(dot + 1)),
          Optional.empty(),
          type);
    }
    return new Cast(Optional.empty(), Optional.empty(), Optional.of(normalise(left)), type);
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
        + type.sql();
  }
}
