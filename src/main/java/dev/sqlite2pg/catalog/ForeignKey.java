package dev.sqlite2pg.catalog;

import java.util.List;

/**
 * A foreign key (PRAGMA foreign_key_list). {@code toColumns} is empty when the reference names no
 * columns, which in SQLite means the parent's primary key.
 */
public record ForeignKey(
    int id,
    String toTable,
    List<String> fromColumns,
    List<String> toColumns,
    String onUpdate,
    String onDelete,
    boolean deferrable,
    boolean initiallyDeferred) {

  /** This key with other columns at both ends (a merged fleet's tenant column added). */
  public ForeignKey withColumns(List<String> from, List<String> to) {
    return new ForeignKey(
        id,
        toTable,
        List.copyOf(from),
        List.copyOf(to),
        onUpdate,
        onDelete,
        deferrable,
        initiallyDeferred);
  }
}
