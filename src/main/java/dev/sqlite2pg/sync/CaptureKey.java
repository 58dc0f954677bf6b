package dev.sqlite2pg.sync;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.catalog.Table;
import java.util.List;
import java.util.Optional;

/**
 * The columns that identify a row of a captured table, which the changelog records: the declared
 * PRIMARY KEY (rowid alias or not, WITHOUT ROWID included), else a UNIQUE index over plain columns
 * that are all NOT NULL. A rowid is never the identity of a table without INTEGER PRIMARY KEY:
 * VACUUM renumbers those (design M5). A table with neither has no key: it is captured in image mode
 * (design 3.2, 4.4 #10), its rows copied whole into {@code sqlite2pg_img_<n>}.
 *
 * @param number the table's number in the changelog ({@code sqlite2pg_tables.n})
 * @param columns the key's columns; empty for a table in image mode
 */
public record CaptureKey(Table table, int number, List<String> columns) {

  /** Whether the table has no key and is followed by row images. */
  public boolean image() {
    return columns.isEmpty();
  }

  /** The image table of a table in image mode. */
  public String imageTable() {
    return Capture.PREFIX + "img_" + number;
  }

  /** The key of {@code t}, if it has one. */
  public static Optional<List<String>> of(Table t) {
    List<Column> pk = t.primaryKey();
    if (!pk.isEmpty()) {
      return Optional.of(pk.stream().map(Column::name).toList());
    }
    return t.indexes().stream()
        .filter(Index::unique)
        .filter(i -> !i.isPartial())
        .filter(i -> plainNotNull(t, i))
        .findFirst()
        .map(i -> i.columns().stream().map(c -> c.column().orElseThrow()).toList());
  }

  private static boolean plainNotNull(Table t, Index i) {
    for (IndexColumn c : i.columns()) {
      if (c.column().isEmpty() || !t.column(c.column().get()).map(Column::notNull).orElse(false)) {
        return false;
      }
    }
    return true;
  }
}
