package dev.sqlite2pg.catalog;

import java.util.List;

/**
 * Anything in sqlite_master that is not an ordinary table or index: a view, a trigger, a virtual
 * table, or an internal table that is not copied. {@code columns} are a view's column names as
 * SQLite reports them (empty for other kinds, or when SQLite cannot resolve the view).
 */
public record SchemaObject(
    Kind kind, String name, String tableName, String sql, List<String> columns) {

  public enum Kind {
    VIEW,
    TRIGGER,
    VIRTUAL_TABLE,
    SHADOW_TABLE,
    INTERNAL_TABLE
  }
}
