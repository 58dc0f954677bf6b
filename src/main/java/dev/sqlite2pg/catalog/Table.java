package dev.sqlite2pg.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One ordinary SQLite table, read-only.
 *
 * @param rowidAlias the INTEGER PRIMARY KEY column that aliases the rowid, if any
 * @param autoincrement whether the table was declared AUTOINCREMENT (it then has a row in
 *     sqlite_sequence)
 * @param sequence the value sqlite_sequence holds for the table, when it holds one
 */
public record Table(
    String name,
    String sql,
    boolean withoutRowid,
    boolean strict,
    List<Column> columns,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    List<Check> checks,
    Optional<String> rowidAlias,
    boolean autoincrement,
    Optional<Long> sequence) {

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  /** Primary-key columns in key order; empty when the table has none. */
  public List<Column> primaryKey() {
    return columns.stream()
        .filter(c -> c.pkPosition() > 0)
        .sorted(java.util.Comparator.comparingInt(Column::pkPosition))
        .toList();
  }
}
