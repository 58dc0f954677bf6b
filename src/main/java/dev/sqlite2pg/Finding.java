package dev.sqlite2pg;

import java.util.List;

/**
 * One thing {@code sqlite2pg assess} found about one object of the database: a hazard, or, for an
 * object with none, that it migrates as planned.
 *
 * @param kind what the object is: table, column, view, trigger, virtual table, index, foreign key,
 *     default, collation, framework, database
 * @param object its name as SQLite has it ("Album", "Album.Title")
 * @param hazard a stable name for what was found (type_mismatch, orphaned_rows, ...; "ok" when
 *     nothing); the README lists them
 * @param level how much work it means
 * @param reason what was found and what the migration does with it, in words
 * @param count how many values, rows, names or groups it concerns (0 when it is about the object
 *     itself)
 * @param examples a few of them, as "rowid 7: text 'abc'"
 * @param sql the SQLite text of the object when a person rewrites it, or the PostgreSQL text the
 *     migration would run; empty otherwise
 */
public record Finding(
    String kind,
    String object,
    String hazard,
    MigrationLevel level,
    String reason,
    long count,
    List<String> examples,
    String sql) {

  public Finding {
    examples = List.copyOf(examples);
  }

  /** A finding with no examples and no SQL. */
  public static Finding of(
      String kind, String object, String hazard, MigrationLevel level, String reason, long count) {
    return new Finding(kind, object, hazard, level, reason, count, List.of(), "");
  }
}
