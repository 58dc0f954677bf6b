package dev.sqlite2pg.pg.ddl;

import java.util.Optional;

/**
 * One statement of STEP 5, with what to do when existing data violates it.
 *
 * @param kind "primary key", "unique", "index", "check", "foreign key"
 * @param notValidSql the same constraint created NOT VALID, for rules SQLite did not enforce on old
 *     rows (orphaned foreign keys, CHECKs added later)
 * @param violationsSql counts the rows that violate the rule, with up to 5 sample keys
 * @param references the source table a foreign key refers to
 * @param asIndexSql a primary key as the unique index it is built as, named as the constraint:
 *     built beside the table's other indexes, then attached ({@code ADD PRIMARY KEY USING INDEX})
 */
public record PostDataItem(
    String kind,
    String name,
    String table,
    String sql,
    Optional<String> notValidSql,
    Optional<String> violationsSql,
    Optional<String> references,
    Optional<String> asIndexSql) {

  public PostDataItem(
      String kind,
      String name,
      String table,
      String sql,
      Optional<String> notValidSql,
      Optional<String> violationsSql,
      Optional<String> references) {
    this(kind, name, table, sql, notValidSql, violationsSql, references, Optional.empty());
  }

  public PostDataItem(
      String kind,
      String name,
      String table,
      String sql,
      Optional<String> notValidSql,
      Optional<String> violationsSql) {
    this(kind, name, table, sql, notValidSql, violationsSql, Optional.empty());
  }
}
