package dev.sqlite2pg.pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import static dev.sqlite2pg.sql.Identifiers.qualified;

/**
 * Which of a plan's tables the target schema already has, and which of those hold rows: read
 * before STEP 3 writes anything, to decide what {@code --if-exists} does with them.
 */
public final class FilledTables {

  private final Set<String> existing;
  private final Set<String> filled;

  private FilledTables(Set<String> existing, Set<String> filled) {
    this.existing = Set.copyOf(existing);
    this.filled = Set.copyOf(filled);
  }

  /** Nothing exists: a run with --drop, where what the tables held does not matter. */
  public static FilledTables none() {
    return new FilledTables(Set.of(), Set.of());
  }

  public static FilledTables read(TargetConnector target, String schema, List<TablePlan> tables) {
    try (Connection c = target.open()) {
      Set<String> existing = Relations.named(c, schema, tables, Relations.TABLES);
      Set<String> filled = new HashSet<>();
      try (Statement s = c.createStatement()) {
        for (String name : existing) {
          try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM "
              + qualified(schema, name) + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
              filled.add(name);
            }
          }
        }
      }
      return new FilledTables(existing, filled);
    } catch (SQLException e) {
      throw new MigrationException(Code.TARGET, "Reading which tables of schema " + schema
          + " hold rows failed: " + TargetErrors.explain(e, target), e);
    }
  }

  /** Tables only (views and foreign tables are not loaded into), by their exact names. */
  public boolean exists(TablePlan t) {
    return existing.contains(t.target());
  }

  public boolean filled(TablePlan t) {
    return filled.contains(t.target());
  }

  /** The tables of {@code tables} that do not exist yet: STEP 3 creates them. */
  public List<TablePlan> missing(List<TablePlan> tables) {
    return tables.stream().filter(t -> !exists(t)).toList();
  }
}
