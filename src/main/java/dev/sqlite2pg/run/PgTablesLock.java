package dev.sqlite2pg.run;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rollback's hold on the application's PostgreSQL writes (design 3.8 step 2): every migrated table
 * locked IN EXCLUSIVE MODE (writes wait, reads go on) in ONE statement, in a transaction the caller
 * then commits or rolls back. One statement, not one per table: locking them one by one deadlocks
 * with an application transaction that writes two of them in the other order (issue 14, found by an
 * independent drill). The wait for the application's open write transactions, and so the pause, is
 * bounded by {@code lock_timeout}.
 */
final class PgTablesLock {

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final long taken;

  private PgTablesLock() {
    this.taken = System.nanoTime();
  }

  /**
   * Locks {@code tables} of {@code schema}, or gives up after {@code timeout}, changing nothing.
   */
  static PgTablesLock take(Connection pg, String schema, List<String> tables, Duration timeout)
      throws SQLException {
    pg.setAutoCommit(false);
    try (Statement s = pg.createStatement()) {
      s.execute("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'");
      s.execute(
          "LOCK TABLE "
              + tables.stream().map(t -> qualified(schema, t)).collect(Collectors.joining(", "))
              + " IN EXCLUSIVE MODE");
    } catch (SQLException e) {
      pg.rollback();
      pg.setAutoCommit(true);
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw CutoverChecks.refused(
            "rollback",
            List.of(
                "the application held a write transaction on PostgreSQL's tables for longer than"
                    + " --lock-timeout "
                    + DurationText.of(timeout)
                    + "; try again, or raise --lock-timeout"));
      }
      throw e;
    }
    return new PgTablesLock();
  }

  double heldMs() {
    return (System.nanoTime() - taken) / 1e6;
  }
}
