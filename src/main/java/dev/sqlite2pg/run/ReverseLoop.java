package dev.sqlite2pg.run;

import dev.sqlite2pg.monitor.ApplyMetrics;
import dev.sqlite2pg.sync.ReverseApply;
import dev.sqlite2pg.sync.ReverseChanges;
import dev.sqlite2pg.sync.SqliteFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync run} after a cut-over (design 3.8): the application writes to PostgreSQL, and its
 * changes are brought into the fenced SQLite file as they come, so that a rollback has only a
 * moment's changes left to drain. A batch: PostgreSQL's changes and rows read in one REPEATABLE
 * READ snapshot, written into SQLite in one write transaction through its fence (no other
 * connection ever sees the fence open), then consumed in PostgreSQL. A crash between the two
 * commits reads the same keys again, which is harmless (row images excepted, which {@link
 * ReverseApply} records).
 */
final class ReverseLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ReverseLoop.class);

  private static final int BATCH = 10_000;
  private static final long IDLE_MS = 20;

  private final ReverseApply reverse;
  private final ReverseChanges changes;
  private final Connection sqlite;
  private final Connection pg;
  private final ApplyMetrics metrics;

  ReverseLoop(
      ReverseApply reverse, String schema, Connection sqlite, Connection pg, ApplyMetrics metrics) {
    this.reverse = reverse;
    this.changes = new ReverseChanges(schema);
    this.sqlite = sqlite;
    this.pg = pg;
    this.metrics = metrics;
  }

  /** Brings PostgreSQL's changes into SQLite until {@code stop}; how many it brought. */
  long run(BooleanSupplier stop) throws SQLException, InterruptedException {
    LOG.info("sync: cut over: bringing the application's PostgreSQL writes into the SQLite file");
    long total = 0;
    while (!stop.getAsBoolean()) {
      if (changes.pending(pg).changes() == 0) {
        Thread.sleep(IDLE_MS);
        continue;
      }
      long t0 = System.nanoTime();
      long n = batch();
      metrics.batch((System.nanoTime() - t0) / 1e9);
      total += n;
    }
    return total;
  }

  /** One batch, in one transaction on each side. */
  long batch() throws SQLException {
    pg.setAutoCommit(false);
    try {
      try (Statement s = pg.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      }
      SqliteLock lock = SqliteLock.take(sqlite, Duration.ofSeconds(5), "reverse apply");
      ReverseApply.Applied applied;
      try {
        SqliteFence.pass(sqlite, true);
        applied = reverse.within(pg, sqlite, BATCH);
        SqliteFence.pass(sqlite, false);
        lock.commit();
      } catch (SQLException | RuntimeException e) {
        lock.release();
        throw e;
      }
      reverse.consumed(pg, applied);
      pg.commit();
      return applied.changes();
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      throw e;
    } finally {
      pg.setAutoCommit(true);
    }
  }
}
