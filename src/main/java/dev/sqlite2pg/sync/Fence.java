package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;

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

  /** Lifts the fence from {@code tables}, in one transaction. */
  public static void remove(Connection pg, String schema, List<String> tables) throws SQLException {
    TargetWrites.inTransaction(
        pg,
        s -> {
          for (String t : tables) {
            s.execute(drop(schema, t));
          }
        });
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
