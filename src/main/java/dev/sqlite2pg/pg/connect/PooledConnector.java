package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.TargetConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Connections kept open between the files of a fleet: each file's run opens some 25 (run lock,
 * catalog reads, one per table copied and verified, post-data), and a server spends more on a new
 * session (a fork, authentication) and on planning the catalog queries afresh (a prepared statement
 * is planned once per session) than on a small file's rows. Measured on 200 files of 2,000 rows: 25
 * connections and 5 catalog reads per file.
 *
 * <p>Written here rather than taken from HikariCP: a connection given back must also lose its
 * session state (SET parameters, advisory locks, temporary tables), which a general pool leaves. A
 * connection whose reset fails is closed, not kept.
 */
public final class PooledConnector implements TargetConnector, AutoCloseable {

  private final TargetConnector target;
  private final int maxIdle;
  private final Deque<Connection> idle = new ArrayDeque<>();

  public PooledConnector(TargetConnector target, int maxIdle) {
    this.target = target;
    this.maxIdle = maxIdle;
  }

  @Override
  public Connection open() throws SQLException {
    Connection c;
    synchronized (idle) {
      c = idle.pollFirst();
    }
    if (c == null || c.isClosed()) {
      c = target.open();
    }
    return wrap(c);
  }

  @Override
  public String display() {
    return target.display();
  }

  private Connection wrap(Connection real) {
    return GivenBack.lend(real, this::giveBack);
  }

  /** Back to the pool as a new session would be, or closed. */
  private void giveBack(Connection c) {
    try {
      if (!c.isClosed()) {
        reset(c);
        synchronized (idle) {
          if (idle.size() < maxIdle) {
            idle.addFirst(c);
            return;
          }
        }
      }
    } catch (SQLException e) {
      // closed below
    }
    GivenBack.closeQuietly(c);
  }

  private static void reset(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement()) {
      // One round trip: the driver sends the three together (a file returns some 15 connections).
      s.execute("RESET ALL; SELECT pg_advisory_unlock_all(); DISCARD TEMP");
    }
    c.clearWarnings();
  }

  @Override
  public void close() {
    synchronized (idle) {
      idle.forEach(GivenBack::closeQuietly);
      idle.clear();
    }
  }
}
