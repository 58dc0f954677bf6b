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
    boolean initiallyDeferred) {}
