package dev.sqlite2pg;

import java.util.Optional;

/**
 * Something a person should know about the migration: a type that departs from the declared one, a
 * renamed identifier, a constraint created NOT VALID, an object not migrated.
 *
 * @param table the source table it concerns, when it concerns one
 * @param column the source column it concerns, when it concerns one
 */
public record Warning(Optional<String> table, Optional<String> column, String message) {

  public static Warning table(String table, String message) {
    return new Warning(Optional.of(table), Optional.empty(), message);
  }

  public static Warning column(String table, String column, String message) {
    return new Warning(Optional.of(table), Optional.of(column), message);
  }

  public static Warning general(String message) {
    return new Warning(Optional.empty(), Optional.empty(), message);
  }

  /** "Album.Title: message", "Album: message" or the message alone. */
  public String describe() {
    String where = table.map(t -> column.map(c -> t + "." + c).orElse(t)).orElse("");
    return where.isEmpty() ? message : where + ": " + message;
  }
}
