package dev.sqlite2pg.run;

import dev.sqlite2pg.monitor.ApplyMetrics;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a following sync again after a passing failure ({@link Interruptions}), waiting 1, 2, 4 ...
 * up to 30 s between attempts, until it ends by itself or stop is asked: a sync left running at
 * night outlives a PostgreSQL restart or an application holding SQLite's write lock. Any other
 * failure ends it, as before.
 */
final class Retrying {

  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
  private static final long FIRST_MS = 1_000;
  private static final long LONGEST_MS = 30_000;

  private final BooleanSupplier stop;
  private final ApplyMetrics metrics;

  Retrying(BooleanSupplier stop, ApplyMetrics metrics) {
    this.stop = stop;
    this.metrics = metrics;
  }

  long until(LongSupplier attempt) throws InterruptedException {
    long wait = FIRST_MS;
    while (true) {
      try {
        return attempt.getAsLong();
      } catch (RuntimeException e) {
        Optional<String> side = Interruptions.passing(e);
        if (side.isEmpty() || stop.getAsBoolean()) {
          throw e;
        }
        metrics.error(side.get());
        LOG.warn(
            "sync: {} failed for now ({}); trying again in {} s (nothing is lost: each batch"
                + " commits with its progress)",
            side.get().equals("sqlite") ? "SQLite" : "PostgreSQL",
            Interruptions.cause(e),
            wait / 1000);
        sleep(wait);
        wait = Math.min(wait * 2, LONGEST_MS);
      }
    }
  }

  /** Sleeps {@code ms}, waking early when stop is asked. */
  private void sleep(long ms) throws InterruptedException {
    long end = System.nanoTime() + ms * 1_000_000;
    while (!stop.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }
}
