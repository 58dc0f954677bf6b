package dev.sqlite2pg.catalog;

import java.util.Optional;

/**
 * One column as SQLite declares it (PRAGMA table_xinfo plus what only the CREATE TABLE text says:
 * collation, generated expression, AUTOINCREMENT).
 *
 * @param cid position in the table, 0-based, as PRAGMA table_xinfo reports it
 * @param declaredType the type as written ("NVARCHAR(40)", "" when untyped)
 * @param defaultSql the DEFAULT expression as SQLite text, when there is one
 * @param pkPosition 1-based position in the primary key, 0 when not part of it
 * @param generated how the column is generated (NONE for ordinary columns)
 * @param generatedSql the generation expression, when generated
 * @param collation the declared COLLATE name (upper case), when there is one
 */
public record Column(
    int cid,
    String name,
    String declaredType,
    boolean notNull,
    Optional<String> defaultSql,
    int pkPosition,
    Generated generated,
    Optional<String> generatedSql,
    Optional<String> collation) {

  /** How SQLite computes a column (table_xinfo's hidden: 2 = VIRTUAL, 3 = STORED). */
  public enum Generated {
    NONE,
    VIRTUAL,
    STORED
  }

  public boolean isGenerated() {
    return generated != Generated.NONE;
  }
}
