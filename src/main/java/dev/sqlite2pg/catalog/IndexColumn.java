package dev.sqlite2pg.catalog;

import java.util.Optional;

/**
 * One key part of an index: a column, or an expression (PRAGMA index_xinfo reports cid -2 for
 * those, and only the CREATE INDEX text says which expression).
 */
public record IndexColumn(
    Optional<String> column,
    Optional<String> expressionSql,
    boolean descending,
    Optional<String> collation) {}
