package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.TargetWrites;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL fence during sync (design 3.4 step 6): one statement-level trigger per migrated
 * table refuses the application's writes (SQLSTATE 55000, a message saying why) until cut-over
 * lifts it; sync's apply session passes by setting {@code sqlite2pg.applying} for its transaction
 * (M21: works for a table owner who is not a superuser).
 */
public final class Fence {

  static final String TRIGGER = "sqlite2pg_fence";

  private Fence() {}

  /** Installs the fence on {@code tables} of {@code schema}, in one transaction. */
  public static void install(Connection pg, String schema, List<String> tables)
      throws SQLException {
    TargetWrites.inTransaction(
        pg,
        s -> {
          s.execute(SqlResources.load("pg-sync-fence"));
          raise(pg, schema, true);
          for (String t : tables) {
            s.execute(drop(schema, t));
            s.execute(
                "CREATE TRIGGER "
                    + TRIGGER
                    + " BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                    + qualified(schema, t)
                    + " FOR EACH STATEMENT EXECUTE FUNCTION sqlite2pg.fence()");
          }
        });
  }

  /** Removes the fence from {@code tables}, in one transaction (sync stop). */
  public static void remove(Connection pg, String schema, List<String> tables) throws SQLException {
    TargetWrites.inTransaction(
        pg,
        s -> {
          for (String t : tables) {
            s.execute(drop(schema, t));
          }
          if (TargetTables.exist(pg, "sqlite2pg.fence")) {
            TargetWrites.update(pg, "DELETE FROM sqlite2pg.fence WHERE target_schema = ?", schema);
          }
        });
  }

  /**
   * Lifts the fence (cut-over, design 3.7 step 5) or puts it up again, in the caller's transaction:
   * one row, no lock on the application's tables.
   */
  public static void active(Connection pg, String schema, boolean active) throws SQLException {
    raise(pg, schema, active);
  }

  /** Whether the application's writes to {@code schema}'s migrated tables are refused now. */
  public static boolean active(Connection pg, String schema) throws SQLException {
    if (!TargetTables.exist(pg, "sqlite2pg.fence")) {
      return false;
    }
    try (java.sql.PreparedStatement ps =
        pg.prepareStatement(
            "SELECT coalesce((SELECT active FROM sqlite2pg.fence WHERE target_schema = ?), true)")) {
      ps.setString(1, schema);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The fence's function and table as this version has them (CREATE OR REPLACE, ADD IF NOT). */
  public static void prepare(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute(SqlResources.load("pg-sync-fence"));
    }
  }

  /**
   * Cut-over under way (from its PostgreSQL commit until it lifts the fence or gives up): an
   * application write waits for the lifting instead of failing, in the caller's transaction.
   */
  public static void opening(Connection pg, String schema, boolean opening) throws SQLException {
    TargetWrites.update(
        pg, "UPDATE sqlite2pg.fence SET opening = ? WHERE target_schema = ?", opening, schema);
  }

  private static void raise(Connection pg, String schema, boolean active) throws SQLException {
    TargetWrites.update(
        pg,
        "INSERT INTO sqlite2pg.fence (target_schema, active) VALUES (?, ?)"
            + " ON CONFLICT (target_schema) DO UPDATE SET active = excluded.active, opening ="
            + " false",
        schema,
        active);
  }

  /** Those of {@code tables} that have no fence: cut-over requires every one fenced. */
  public static List<String> missing(Connection pg, String schema, List<String> tables)
      throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (java.sql.PreparedStatement ps =
        pg.prepareStatement(
            "SELECT NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgrelid ="
                + " to_regclass(?))")) {
      for (String t : tables) {
        ps.setString(1, TRIGGER);
        ps.setString(2, qualified(schema, t));
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  /** Lets this transaction's writes through the fence: sync's own apply. */
  public static void pass(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute("SELECT set_config('sqlite2pg.applying', 'on', true)");
    }
  }

  private static String drop(String schema, String table) {
    return "DROP TRIGGER IF EXISTS " + TRIGGER + " ON " + qualified(schema, table);
  }
}
