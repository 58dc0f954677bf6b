package dev.sqlite2pg.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The source database's schema as read once at the start of a run. Read-only.
 *
 * @param encoding the database text encoding ("UTF-8", "UTF-16le", "UTF-16be")
 * @param others views, triggers, virtual tables and internal tables, in sqlite_master order
 * @param problems what could not be read (a CREATE statement the parser did not understand)
 */
public record Catalog(
    String encoding, List<Table> tables, List<SchemaObject> others, List<String> problems) {

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Text is stored as UTF-8: the page reader and the copy's fast text path apply. */
  public boolean utf8() {
    return encoding.equalsIgnoreCase("UTF-8");
  }

  public List<SchemaObject> views() {
    return others.stream().filter(o -> o.kind() == SchemaObject.Kind.VIEW).toList();
  }
}
