package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Check;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a CREATE TABLE statement that PRAGMAs do not report.
 *
 * @param checks table-level CHECK constraints, with their CONSTRAINT names when given
 * @param foreignKeys every foreign key in declaration order
 */
public record ParsedTable(
    String name,
    List<ParsedColumn> columns,
    List<Check> checks,
    List<ParsedForeignKey> foreignKeys,
    boolean withoutRowid,
    boolean strict) {

  /** The column named {@code name}, compared case-insensitively as SQLite does. */
  public Optional<ParsedColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  /**
   * The foreign key PRAGMA foreign_key_list reports under {@code pragmaId}.
   *
   * @see ParsedForeignKey#pragmaId(int)
   */
  public Optional<ParsedForeignKey> foreignKeyByPragmaId(int pragmaId) {
    int index = foreignKeys.size() - 1 - pragmaId;
    return index >= 0 && index < foreignKeys.size()
        ? Optional.of(foreignKeys.get(index))
        : Optional.empty();
  }
}
