package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.TargetConnector;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One file's run within a fleet: the connection a step gives back is kept, as it is, for the run's
 * next step, instead of going back to the pool to be reset and lent again. A fleet's file opened 7
 * connections one after another, each costing a reset and its tenant's setting: 20 of its 53
 * statements (measured on 200 files). Only the run's own steps share the session; {@link #close()}
 * at the run's end gives it back to {@code target}, which resets it.
 */
public final class KeptConnector implements TargetConnector, AutoCloseable {

  private final TargetConnector target;
  private Connection kept;

  public KeptConnector(TargetConnector target) {
    this.target = target;
  }

  @Override
  public Connection open() throws SQLException {
    Connection c;
    synchronized (this) {
      c = kept;
      kept = null;
    }
    if (c == null || c.isClosed()) {
      c = target.open();
    }
    return GivenBack.lend(c, this::keep);
  }

  @Override
  public String display() {
    return target.display();
  }

  /** Kept when none is, with its transaction ended; otherwise given back to the target. */
  private void keep(Connection c) {
    try {
      if (!c.isClosed()) {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
        synchronized (this) {
          if (kept == null) {
            kept = c;
            return;
          }
        }
      }
    } catch (SQLException e) {
      // given back below, where it is reset or closed
    }
    GivenBack.closeQuietly(c);
  }

  @Override
  public void close() {
    Connection c;
    synchronized (this) {
      c = kept;
      kept = null;
    }
    if (c != null) {
      GivenBack.closeQuietly(c);
    }
  }
}
