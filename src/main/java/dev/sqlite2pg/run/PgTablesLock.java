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
 * locked IN SHARE MODE (INSERT, UPDATE, DELETE and TRUNCATE wait; reads and the foreign-key checks'
 * FOR KEY SHARE go on) in a transaction the caller then commits or rolls back.
 *
 * <p>It cannot deadlock with the application, because it never waits while it holds a lock: the
 * whole LOCK statement is tried with NOWAIT, and when any table is busy the transaction is rolled
 * back, releasing what it got, and tried again 0.2 ms later, up to {@code --lock-timeout}. Locking
 * with waits, even all tables in one statement (which takes them one after another), deadlocked in
 * RollbackKillTest: holding customers IN EXCLUSIVE MODE while waiting for orders, against an
 * application transaction holding orders and waiting to check its foreign key on customers.
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
    String lock =
        "LOCK TABLE "
            + tables.stream().map(t -> qualified(schema, t)).collect(Collectors.joining(", "))
            + " IN SHARE MODE NOWAIT";
    long deadline = System.nanoTime() + timeout.toNanos();
    pg.setAutoCommit(false);
    try (Statement s = pg.createStatement()) {
      while (true) {
        try {
          s.execute(lock);
          return new PgTablesLock();
        } catch (SQLException e) {
          pg.rollback(); // releases whatever part of the tables it had
          if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            throw e;
          }
        }
        if (System.nanoTime() > deadline) {
          throw CutoverChecks.refused(
              "rollback",
              List.of(
                  "the application kept a write transaction open on PostgreSQL's tables for"
                      + " longer than --lock-timeout "
                      + DurationText.of(timeout)
                      + "; try again, or raise --lock-timeout"));
        }
        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
      }
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      pg.setAutoCommit(true);
      throw e;
    }
  }

  double heldMs() {
    return (System.nanoTime() - taken) / 1e6;
  }
}
