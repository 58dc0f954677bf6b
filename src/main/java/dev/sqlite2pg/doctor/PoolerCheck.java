package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.MigrationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * No pooler in transaction (or statement) mode between sqlite2pg and the server. sqlite2pg needs a
 * server session of its own per connection: the run lock is a session-level advisory lock held
 * across transactions, and sync's sessions keep temporary key tables and settings.
 *
 * <p>The sign: the server process behind a connection ({@code pg_backend_pid()}). Directly, or
 * through a pool in session mode, a connection keeps one process for its life and two connections
 * never share one. A pool in transaction mode lends a process per transaction. Asked in the order
 * A, A, B, A (each its own transaction): when A's process changes (a pool that hands out processes
 * in turn), or B gets one of A's (a pool that hands out the last one returned: PgBouncer's
 * default), connections are not sessions. On a pool without other traffic one of the two shows
 * whatever its size (other clients' transactions only make a change likelier); a direct server
 * shows neither, ever: a process keeps its pid while it lives.
 */
final class PoolerCheck implements DoctorCheck {

  @Override
  public String name() {
    return "transaction pooling";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    Connection a = run.session();
    List<Integer> pidsOfA = new ArrayList<>();
    int pidOfB;
    try (Connection b = run.target().open()) {
      pidsOfA.add(pid(a));
      pidsOfA.add(pid(a));
      pidOfB = pid(b);
      pidsOfA.add(pid(a));
    } catch (MigrationException e) {
      return Check.warn(
          name(),
          "could not open a second connection to compare: " + e.getMessage(),
          "make sure nothing pools transactions between sqlite2pg and PostgreSQL");
    }
    boolean moved = pidsOfA.stream().distinct().count() > 1;
    boolean shared = pidsOfA.contains(pidOfB);
    String seen = "connection A ran on server processes " + pidsOfA + ", connection B on " + pidOfB;
    if (!moved && !shared) {
      return Check.pass(
          name(),
          "each connection keeps its own server process ("
              + seen
              + "): a direct connection, or a pool in session mode");
    }
    return Check.fail(
        name(),
        seen
            + ": a pool in transaction mode (PgBouncer?) hands server processes to other clients"
            + " between transactions, which breaks the run lock (a session advisory lock) and"
            + " sync's session state",
        "point sqlite2pg at PostgreSQL itself (its own host and port), or at a pool in session"
            + " mode; the application may stay on the transaction pool");
  }

  /** The server process of {@code c}, asked in a transaction of its own (autocommit). */
  private static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
