package dev.sqlite2pg;

import java.util.List;

/**
 * One row that differs: missing from the target, extra in it, or present with other values.
 *
 * @param key the row's key ("id=7"), or its SQLite rowid for a table without a usable key
 * @param columns the differing columns (all of them for a missing or extra row)
 * @param sourceValues the SQLite values of those columns, as canonical text
 * @param targetValues the PostgreSQL values of those columns, as canonical text
 */
public record RowDifference(
    Kind kind,
    String key,
    List<String> columns,
    List<String> sourceValues,
    List<String> targetValues) {

  public enum Kind {
    MISSING,
    EXTRA,
    CHANGED
  }
}
