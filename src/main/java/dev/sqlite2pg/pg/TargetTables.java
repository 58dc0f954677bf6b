package dev.sqlite2pg.pg;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.TargetConnector;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which of a run's tables (by target name) the target schema already has, and which of those hold
 * rows: read before STEP 3 writes anything, to decide what {@code --if-exists} does with them; and
 * which names are taken by any relation, so that STEP 3 refuses to replace them.
 */
public final class TargetTables {

  /** pg_class.relkind letters of tables: ordinary and partitioned. */
  public static final String TABLES = "rp";

  /** ... and of everything else a name can be taken by: views, materialized, foreign tables. */
  public static final String TABLES_AND_VIEWS = "rpvmf";

  private final Set<String> existing;
  private final Set<String> filled;

  private TargetTables(Set<String> existing, Set<String> filled) {
    this.existing = Set.copyOf(existing);
    this.filled = Set.copyOf(filled);
  }

  /** Nothing exists: a run with --drop, where what the tables held does not matter. */
  public static TargetTables none() {
    return new TargetTables(Set.of(), Set.of());
  }

  /** Which of {@code names} exist in {@code schema} as tables, and which hold rows. */
  public static TargetTables read(TargetConnector target, String schema, Collection<String> names) {
    try (Connection c = target.open()) {
      Set<String> existing = named(c, schema, names, TABLES);
      Set<String> filled = new HashSet<>();
      try (Statement s = c.createStatement()) {
        for (String name : existing) {
          try (ResultSet rs =
              s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + qualified(schema, name) + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
              filled.add(name);
            }
          }
        }
      }
      return new TargetTables(existing, filled);
    } catch (SQLException e) {
      throw TargetErrors.translate(
          "Reading which tables of schema " + schema + " hold rows", e, target);
    }
  }

  /** Whether every one of {@code qualified} ("schema.table") exists: sqlite2pg's own records. */
  public static boolean exist(Connection c, String... qualified) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT bool_and(to_regclass(n) IS NOT NULL) FROM unnest(?) n")) {
      ps.setArray(1, c.createArrayOf("text", qualified));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * The names of {@code names} that exist in {@code schema} as a relation of one of {@code kinds}
   * (pg_class.relkind letters), in the catalog's order.
   */
  public static Set<String> named(
      Connection c, String schema, Collection<String> names, String kinds) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                + " AND c.relkind::text = ANY (?) AND c.relname = ANY (?) ORDER BY c.relname")) {
      ps.setString(1, schema);
      ps.setArray(
          2,
          c.createArrayOf("text", kinds.chars().mapToObj(k -> String.valueOf((char) k)).toArray()));
      Array array = c.createArrayOf("text", names.toArray());
      ps.setArray(3, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** A table (views and foreign tables are not loaded into) of this exact name exists. */
  public boolean exists(String name) {
    return existing.contains(name);
  }

  public boolean filled(String name) {
    return filled.contains(name);
  }
}
