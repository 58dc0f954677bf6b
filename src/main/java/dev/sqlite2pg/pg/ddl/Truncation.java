package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.ExistingTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Empties tables before a load ({@code --if-exists=replace}, and the tables a framework's
 * migrations seeded): one TRUNCATE of them all, in one transaction, never CASCADE. A table that
 * references one of them and is not among them would be emptied by a CASCADE, or make the TRUNCATE
 * fail, so it is refused by name first.
 */
final class Truncation {

  private final String schema;

  Truncation(String schema) {
    this.schema = schema;
  }

  void empty(Connection c, Collection<String> tables) throws SQLException {
    List<String> outside = referencingOutside(ExistingTables.read(c, schema), tables);
    if (!outside.isEmpty()) {
      throw new MigrationException(
          Code.SCHEMA,
          "emptying "
              + String.join(", ", new TreeSet<>(tables))
              + " would also empty "
              + String.join(", ", outside)
              + ", which "
              + (outside.size() == 1 ? "references" : "reference")
              + " them and "
              + (outside.size() == 1 ? "is" : "are")
              + " not loaded: include "
              + (outside.size() == 1 ? "it" : "them")
              + " in the load, or empty "
              + (outside.size() == 1 ? "it" : "them")
              + " first. Nothing was written.");
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(
          "TRUNCATE " + String.join(", ", tables.stream().map(t -> qualified(schema, t)).toList()));
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static List<String> referencingOutside(
      ExistingTables existing, Collection<String> tables) {
    TreeSet<String> out = new TreeSet<>();
    for (String t : existing.names()) {
      if (!tables.contains(t) && existing.parents(t).stream().anyMatch(tables::contains)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
