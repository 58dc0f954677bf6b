package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.sync.Apply;
import dev.sqlite2pg.sync.SchemaWatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cut-over's first part (design 3.7, preconditions): apply as sync run does until the lag has
 * stayed within {@code --max-lag} for {@code --lag-window}, so that what is left to drain under
 * SQLite's write lock is a moment's writes. Gives up, having changed nothing the application sees,
 * when the lag does not settle within the window plus a minute.
 */
final class CatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  private static final int BATCH = 50_000;
  private static final long IDLE_MS = 20;
  private static final Duration GRACE = Duration.ofMinutes(1);

  private CatchUp() {}

  /** Applies until the lag settled; the id applied last. */
  static long run(
      Apply apply,
      SchemaWatch watch,
      Connection sqlite,
      Connection pg,
      long applied,
      Duration maxLag,
      Duration window)
      throws SQLException, InterruptedException {
    long start = System.nanoTime();
    long settledSince = -1;
    long worst = 0;
    while (true) {
      Apply.Batch b = watch.batch(apply, sqlite, pg, applied, BATCH);
      applied = b.applied();
      long lag = lagMs(sqlite, applied);
      long now = System.nanoTime();
      if (lag <= maxLag.toMillis()) {
        settledSince = settledSince < 0 ? now : settledSince;
        if (now - settledSince >= window.toNanos()) {
          LOG.info(
              "cutover: caught up: lag within {} for {} (change {} applied)",
              DurationText.of(maxLag),
              DurationText.of(window),
              applied);
          return applied;
        }
      } else {
        settledSince = -1;
        worst = Math.max(worst, lag);
      }
      if (now - start > window.plus(GRACE).toNanos()) {
        throw new MigrationException(
            MigrationException.Code.NOT_READY,
            String.format(
                Locale.ROOT,
                "cut-over not started: the lag did not stay within %s for %s (last %.3f s, worst"
                    + " %.3f s); the application writes faster than sync applies, or in bursts;"
                    + " nothing changed: try again when it is quieter, or raise --max-lag",
                DurationText.of(maxLag),
                DurationText.of(window),
                lag / 1000.0,
                worst / 1000.0));
      }
      if (b.changes() < BATCH) {
        Thread.sleep(IDLE_MS);
      }
    }
  }

  /** Now minus the writer's clock of the oldest change after {@code applied}; 0 when none. */
  static long lagMs(Connection sqlite, long applied) throws SQLException {
    try (PreparedStatement ps =
        sqlite.prepareStatement(
            "SELECT ts FROM sqlite2pg_changes WHERE id > ? ORDER BY id LIMIT 1")) {
      ps.setLong(1, applied);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Math.max(0, System.currentTimeMillis() - rs.getLong(1)) : 0;
      }
    }
  }
}
