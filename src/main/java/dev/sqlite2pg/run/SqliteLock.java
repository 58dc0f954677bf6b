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

  /** Polling interval while the application holds the lock. */
  private static final long POLL_NANOS = 200_000;

  /**
   * Takes the lock, or gives up after {@code timeout} having changed nothing. Polled every 0.2 ms
   * rather than left to SQLite's busy handler, whose sleeps grow to 100 ms: against writers at
   * 1,000 transactions a second that handler lost the race for up to 2 s (bench/cutover.sh), since
   * each writer takes the lock again within a moment of releasing it.
   */
  static SqliteLock take(Connection c, Duration timeout, String what) throws SQLException {
    c.setAutoCommit(true);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      try {
        while (!begun(s)) {
          if (System.nanoTime() > deadline) {
            throw CutoverChecks.refused(
                what,
                List.of(
                    "the application held SQLite's write lock for longer than --lock-timeout "
                        + DurationText.of(timeout)
                        + " (a long write transaction); try again, or raise --lock-timeout"));
          }
          java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
        }
      } finally {
        // Inside the transaction too: a rollback-journal COMMIT waits for readers to finish.
        s.execute("PRAGMA busy_timeout = " + Math.max(timeout.toMillis(), Capture.BUSY_TIMEOUT_MS));
      }
    }
    return new SqliteLock(c);
  }

  private static boolean begun(Statement s) throws SQLException {
    try {
      s.execute("BEGIN IMMEDIATE");
      return true;
    } catch (org.sqlite.SQLiteException e) {
      if (!Interruptions.busy(e)) {
        throw e;
      }
      return false;
    }
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
