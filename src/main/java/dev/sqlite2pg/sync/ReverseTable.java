package dev.sqlite2pg.sync;

import java.util.List;

/**
 * A table under reverse capture (design 3.8), as {@code sqlite2pg.reverse_tables} registers it.
 *
 * @param number what its changes record in {@code sqlite2pg.changes.tbl}
 * @param schema the target schema
 * @param table the PostgreSQL table's name
 * @param source the SQLite table it was migrated from
 * @param key the key's PostgreSQL columns, in key order; empty for a table captured by row images
 */
public record ReverseTable(
    int number, String schema, String table, String source, List<String> key) {

  public ReverseTable {
    key = List.copyOf(key);
  }

  /** Whether the table has no key and its changes are whole row images. */
  public boolean images() {
    return key.isEmpty();
  }

  /** Its own trigger function (tables with a key only). */
  String function() {
    return "reverse_" + number;
  }
}
