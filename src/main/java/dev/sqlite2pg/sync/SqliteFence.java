package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQLite side of cut-over (design 3.7 step 4): the fence that refuses the application's writes
 * once PostgreSQL holds every change, and the cut-over marker, both written in the cut-over's own
 * write transaction, whose commit is the decision. The marker is what a recovery reads: present,
 * the cut-over happened; absent, it did not.
 */
public final class SqliteFence {

  /** What an application write meets once SQLite was cut over; starts "sqlite2pg:" (3.9). */
  static final String MESSAGE =
      "sqlite2pg: this database was cut over to PostgreSQL at %s; write there";

  private static final Map<String, String> EVENTS =
      Map.of("i", "INSERT", "u", "UPDATE", "d", "DELETE");

  private SqliteFence() {}

  /** The cut-over recorded in the file: the last change SQLite took, and when it committed. */
  public record Marker(long changeId, Instant at) {}

  /**
   * Fences {@code tables} and records the marker, in the caller's open write transaction: nothing
   * is visible to the application until the caller commits.
   */
  public static void install(Connection c, List<CaptureKey> tables, Marker marker)
      throws SQLException {
    String message = quoteLiteral(String.format(java.util.Locale.ROOT, MESSAGE, marker.at()));
    try (Statement s = c.createStatement()) {
      for (CaptureKey k : tables) {
        for (Map.Entry<String, String> e : EVENTS.entrySet()) {
          s.execute(
              SqlResources.load("sqlite-fence-trigger")
                  .replace("{trigger}", quote(trigger(e.getKey(), k.number())))
                  .replace("{event}", e.getValue())
                  .replace("{table}", quote(k.table().name()))
                  .replace("{message}", message));
        }
      }
      s.execute("UPDATE sqlite2pg_fence SET active = 1");
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR REPLACE INTO sqlite2pg_state (k, v) VALUES (?, ?)")) {
      ps.setString(1, "cutover:change");
      ps.setLong(2, marker.changeId());
      ps.executeUpdate();
      ps.setString(1, "cutover:at");
      ps.setString(2, marker.at().toString());
      ps.executeUpdate();
    }
  }

  /**
   * Lets the caller's own writes through the fence, or closes it again, inside the caller's write
   * transaction (design 3.8, M17: no other connection can see the fence open, since the change is
   * not committed before it is closed again).
   */
  public static void pass(Connection c, boolean open) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("UPDATE sqlite2pg_fence SET active = " + (open ? 0 : 1));
    }
  }

  /**
   * Rollback's last SQLite step (design 3.8 step 5): the fence's triggers dropped and the cut-over
   * marker deleted, in the caller's write transaction; the file is then as during sync.
   */
  public static void lift(Connection c) throws SQLException {
    List<String> triggers = new java.util.ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
                    + " AND name LIKE 'sqlite2pg\\_fence\\_%' ESCAPE '\\'")) {
      while (rs.next()) {
        triggers.add(rs.getString(1));
      }
    }
    try (Statement s = c.createStatement()) {
      for (String t : triggers) {
        s.execute("DROP TRIGGER " + quote(t));
      }
      s.execute("UPDATE sqlite2pg_fence SET active = 0");
      s.execute("DELETE FROM sqlite2pg_state WHERE k LIKE 'cutover:%'");
    }
  }

  /** The cut-over marker, when the file has one (a committed cut-over). */
  public static Optional<Marker> marker(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite2pg_state'")) {
      if (!rs.next()) {
        return Optional.empty(); // no sync, or sync stop removed it before any cut-over
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT v FROM sqlite2pg_state WHERE k = 'cutover:change'),"
                    + " (SELECT v FROM sqlite2pg_state WHERE k = 'cutover:at')")) {
      rs.next();
      String at = rs.getString(2);
      return at == null
          ? Optional.empty()
          : Optional.of(new Marker(rs.getLong(1), Instant.parse(at)));
    }
  }

  /** Whether the application's writes to the file are refused now. */
  public static boolean active(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                    + " AND name LIKE 'sqlite2pg\\_fence\\_%' ESCAPE '\\') > 0"
                    + " AND (SELECT active FROM sqlite2pg_fence) = 1")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /** Whether {@code name} is one of the fence's objects, which outlive sync stop after cut-over. */
  static boolean isFence(String name) {
    return name.startsWith("sqlite2pg_fence") || name.equals("sqlite2pg_state");
  }

  private static String trigger(String event, int table) {
    return "sqlite2pg_fence_" + event + "_" + table;
  }

  private static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
