package dev.sqlite2pg.catalog;

import java.util.List;
import java.util.Optional;

/**
 * An index or an index-backed constraint.
 *
 * @param origin "c" for CREATE INDEX, "u" for a UNIQUE constraint, "pk" for a PRIMARY KEY
 * @param whereSql the partial-index predicate, as SQLite text
 * @param sql the CREATE INDEX statement, when the index was created by one
 */
public record Index(
    String name,
    boolean unique,
    String origin,
    List<IndexColumn> columns,
    Optional<String> whereSql,
    Optional<String> sql) {

  public boolean isPartial() {
    return whereSql.isPresent();
  }
}
