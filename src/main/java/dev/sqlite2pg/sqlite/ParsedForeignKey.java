package dev.sqlite2pg.sqlite;

import java.util.List;
import java.util.Optional;

/**
 * A foreign key as declared, column-level {@code REFERENCES} and table-level {@code FOREIGN KEY}
 * alike.
 *
 * @param declarationIndex 0-based position among the table's foreign keys in the text
 * @param toColumns empty when the clause names no columns (SQLite then means the parent's PK)
 * @param onDelete the action as written in upper case ("CASCADE", "SET NULL"), "NO ACTION" when
 *     absent, matching PRAGMA foreign_key_list
 */
public record ParsedForeignKey(
    int declarationIndex,
    Optional<String> name,
    List<String> fromColumns,
    String toTable,
    List<String> toColumns,
    String onUpdate,
    String onDelete,
    boolean deferrable,
    boolean initiallyDeferred) {

  /**
   * The id PRAGMA foreign_key_list gives this key. SQLite prepends each new key to the table's list
   * while parsing, so ids count from the last declaration: checked with sqlite3 3.x on {@code
   * CREATE TABLE c(x REFERENCES p(id), y REFERENCES p, FOREIGN KEY (z) REFERENCES p(id))}, where x
   * has id 2 and z has id 0.
   */
  public int pragmaId(int foreignKeyCount) {
    return foreignKeyCount - 1 - declarationIndex;
  }
}
