package dev.sqlite2pg.run;

import dev.sqlite2pg.monitor.ApplyMetrics;
import dev.sqlite2pg.sync.Apply;
import dev.sqlite2pg.sync.Capture;
import dev.sqlite2pg.sync.Changelog;
import dev.sqlite2pg.sync.SchemaWatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply loop of a following sync (design 3.4): a batch, then a wait until another connection
 * may have committed ({@link CommitSignal}, checked every 10 ms) or a second passed; the changelog
 * pruned every 10 s outside the apply path; one progress line every 10 s while changes arrive.
 */
final class FollowLoop {

  private static final Logger LOG = LoggerFactory.getLogger(FollowLoop.class);

  private static final long POLL_MS = 10;
  private static final long WAKE_MS = 1_000;
  private static final long PRUNE_MS = 10_000;
  private static final long REPORT_MS = 10_000;

  /** Catch-up batches are capped (design 3.4 step 2); steady batches are far smaller. */
  private static final int BATCH = 50_000;

  private final Apply apply;
  private final SchemaWatch watch;
  private final Connection sqlite;
  private final CommitSignal signal;
  private final Connection pg;
  private final ApplyMetrics metrics;

  FollowLoop(
      Apply apply,
      SchemaWatch watch,
      Connection sqlite,
      CommitSignal signal,
      Connection pg,
      ApplyMetrics metrics) {
    this.apply = apply;
    this.watch = watch;
    this.sqlite = sqlite;
    this.signal = signal;
    this.pg = pg;
    this.metrics = metrics;
  }

  /** Applies changes after {@code applied} until {@code stop} says so; the last id applied. */
  long run(long applied, BooleanSupplier stop) throws SQLException, InterruptedException {
    long pruned = System.nanoTime();
    long reported = System.nanoTime();
    long changes = 0;
    while (!stop.getAsBoolean()) {
      // Read before the batch: a commit after this point shows as a new version, even one made
      // while the batch was being read (then one batch more finds nothing, which is harmless).
      long version = signal.read();
      long t0 = System.nanoTime();
      Apply.Batch b = watch.batch(apply, sqlite, pg, applied, BATCH); // drift first, design 3.5
      applied = b.applied();
      if (b.changes() > 0) {
        metrics.batch((System.nanoTime() - t0) / 1e9);
        changes += b.changes();
      }
      if (b.changes() < BATCH) {
        await(version, stop);
      }
      if (elapsedMs(pruned) > PRUNE_MS) {
        prune(applied);
        pruned = System.nanoTime();
      }
      if (elapsedMs(reported) > REPORT_MS) {
        report(changes, applied, reported);
        changes = 0;
        reported = System.nanoTime();
      }
    }
    return applied;
  }

  /**
   * Prunes with a 50 ms busy timeout and gives way when the application holds the write lock
   * (design 3.4 step 4; Marmot #36 shows what a pruner that waits does to an application): the next
   * prune, ten seconds on, catches up.
   */
  private void prune(long applied) throws SQLException {
    try (Statement s = sqlite.createStatement()) {
      s.execute("PRAGMA busy_timeout = 50");
      try {
        Changelog.prune(sqlite, applied);
      } catch (org.sqlite.SQLiteException e) {
        if (!Interruptions.busy(e)) { // busy: give way
          throw e;
        }
        LOG.debug("sync: the application holds SQLite's write lock; pruning later");
      } finally {
        s.execute("PRAGMA busy_timeout = " + Capture.BUSY_TIMEOUT_MS);
      }
    }
  }

  private void report(long changes, long applied, long since) {
    if (changes > 0) {
      LOG.info(
          String.format(
              Locale.ROOT,
              "sync: applied %,d changes in the last %.0f s, up to change %d",
              changes,
              elapsedMs(since) / 1000.0,
              applied));
    }
  }

  /** Sleeps until another connection commits to the file, a second passes, or stop is asked. */
  private void await(long version, BooleanSupplier stop) throws SQLException, InterruptedException {
    long start = System.nanoTime();
    while (!stop.getAsBoolean() && elapsedMs(start) < WAKE_MS) {
      Thread.sleep(POLL_MS);
      if (signal.read() != version) {
        return;
      }
    }
  }

  private static long elapsedMs(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
