package dev.sqlite2pg.pg.state;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.TargetErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keeps two runs off one target schema: a session-level advisory lock, keyed on the schema's name,
 * held on a connection of its own for the whole run (as Flyway does). It goes away with the
 * connection, so a run killed with kill -9 does not leave it behind.
 */
public final class RunLock implements AutoCloseable {

  private static final String KEY_EXPR = "hashtextextended('sqlite2pg:' || ?, 0)";

  private static final String KEY = "SELECT " + KEY_EXPR;

  private static final String TRY =
      "SELECT k, pg_try_advisory_lock(k) FROM (SELECT " + KEY_EXPR + " AS k) AS run_key";

  private static final String UNKNOWN = "holder unknown";

  private final Connection c;

  private RunLock(Connection c) {
    this.c = c;
  }

  public static RunLock acquire(TargetConnector target, String schema) {
    Connection c;
    try {
      c = target.open();
    } catch (SQLException e) {
      throw TargetErrors.translate("Connecting to " + target.display(), e, target);
    }
    try {
      // The key and the lock in one statement: a fleet takes this lock once per file.
      try (PreparedStatement ps = c.prepareStatement(TRY)) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long key = rs.getLong(1);
          if (!rs.getBoolean(2)) {
            String holder = holder(c, key);
            c.close();
            throw new MigrationException(
                Code.TARGET,
                "another sqlite2pg run is loading schema "
                    + schema
                    + " of "
                    + target.display()
                    + " ("
                    + holder
                    + "): wait for it to"
                    + " finish, or stop it, then run again");
          }
        }
      }
      return new RunLock(c);
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Already failing; the first error is the one to report.
      }
      throw TargetErrors.translate("Taking the run lock on schema " + schema, e, target);
    }
  }

  /**
   * Waits for the lock on {@code name} and holds it: the shards of a fleet take turns to create the
   * merged tables and to build their keys, each a few seconds, so waiting is the right answer.
   */
  public static RunLock waitFor(TargetConnector target, String name) {
    Connection c = null;
    try {
      c = target.open();
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(" + KEY_EXPR + ")")) {
        ps.setString(1, name);
        ps.execute();
      }
      return new RunLock(c);
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Already failing; the first error is the one to report.
        }
      }
      throw TargetErrors.translate("Taking the fleet lock on " + name, e, target);
    }
  }

  /**
   * The run holding the lock on {@code schema}, in words, when one does: how sync status tells a
   * following process from a stopped one (a lock dies with its process, even by kill -9).
   */
  public static java.util.Optional<String> heldBy(Connection c, String schema) throws SQLException {
    String holder = holder(c, key(c, schema));
    return holder.equals(UNKNOWN) ? java.util.Optional.empty() : java.util.Optional.of(holder);
  }

  private static long key(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(KEY)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** "pid 4242, started 2026-11-22 05:31:34+00, from 10.0.0.7" for the run holding the lock. */
  private static String holder(Connection c, long key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.pid, date_trunc('second',"
                + " a.backend_start)::text, coalesce(host(a.client_addr), 'a local socket')"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? "server process "
                + rs.getInt(1)
                + ", connected "
                + rs.getString(2)
                + " from "
                + rs.getString(3)
            : UNKNOWN;
      }
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Closing the session releases the lock either way.
    }
  }
}
