package dev.sqlite2pg.catalog;

/**
 * Anything in sqlite_master that is not an ordinary table or index: a view, a trigger, a virtual
 * table, or an internal table that is not copied.
 */
public record SchemaObject(Kind kind, String name, String tableName, String sql) {

  public enum Kind {
    VIEW,
    TRIGGER,
    VIRTUAL_TABLE,
    SHADOW_TABLE,
    INTERNAL_TABLE
  }
}
