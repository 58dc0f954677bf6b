package dev.sqlite2pg.run;

import dev.sqlite2pg.sync.Capture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * SQLite's write lock for cut-over (design 3.7 step 1): {@code BEGIN IMMEDIATE}, waiting at most
 * {@code --lock-timeout} for the application's current write transaction. From then on the
 * application's writers wait in their busy handler (M16) and its readers go on (WAL). Its hold time
 * is the pause sqlite2pg adds to the application's writes.
 */
final class SqliteLock {

  private final Connection c;
  private final long taken;
  private long released = -1;

  private SqliteLock(Connection c) {
    this.c = c;
    this.taken = System.nanoTime();
  }

  /** Takes the lock, or gives up after {@code timeout} having changed nothing. */
  static SqliteLock take(Connection c, Duration timeout) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + timeout.toMillis());
      try {
        s.execute("BEGIN IMMEDIATE");
      } catch (org.sqlite.SQLiteException e) {
        if (!Interruptions.busy(e)) {
          throw e;
        }
        s.execute("PRAGMA busy_timeout = " + Capture.BUSY_TIMEOUT_MS);
        throw CutoverChecks.refused(
            List.of(
                "the application held SQLite's write lock for longer than --lock-timeout "
                    + DurationText.of(timeout)
                    + " (a long write transaction); try again, or raise --lock-timeout"));
      }
    }
    return new SqliteLock(c);
  }

  /** How long the lock has been held, or was held once released. */
  double heldMs() {
    return ((released < 0 ? System.nanoTime() : released) - taken) / 1e6;
  }

  /** Commits the locked transaction: for cut-over, the decision. */
  void commit() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("COMMIT");
    }
    released = System.nanoTime();
    restore();
  }

  /**
   * Rolls the locked transaction back: nothing it wrote stays. Failing to is reported, not thrown.
   */
  void release() {
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
      released = System.nanoTime();
      restore();
    } catch (SQLException ignored) {
      // The first failure is the one to report; SQLite rolls back when the connection closes.
    }
  }

  private void restore() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + Capture.BUSY_TIMEOUT_MS);
    }
  }
}
