package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.catalog.Column;
import java.util.List;
import java.util.Optional;

/**
 * What the CREATE TABLE text says about one column beyond PRAGMA table_xinfo.
 *
 * @param declaredType the type as SQLite reports it: words as written, quotes removed ({@code x
 *     "double precision"} gives {@code double precision}); MySQL-isms such as {@code integer
 *     auto_increment} stay part of the type, exactly as SQLite reads them
 * @param collation the COLLATE name in upper case
 * @param defaultSql the DEFAULT expression text (parentheses kept: {@code (datetime('now'))})
 * @param generatedSql the generation expression, without its parentheses
 * @param checks column CHECK constraints, in declaration order
 */
public record ParsedColumn(
    String name,
    String declaredType,
    Optional<String> collation,
    Optional<String> defaultSql,
    Column.Generated generated,
    Optional<String> generatedSql,
    List<Check> checks,
    boolean primaryKey,
    boolean autoincrement) {}
