package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.sync.load.Cooperating;
import dev.sqlite2pg.sync.load.LoadSchema;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cut-over under load (issue 13, "Tests"): a cooperating application (router flag set by
 * --on-cutover, fence errors handled; {@link Cooperating}) writes all along; sync follows, is
 * stopped, verified, and the cut-over drains what the writers committed meanwhile. Afterwards every
 * acknowledged write, on either side, is in PostgreSQL exactly once; every write SQLite's fence
 * refused was retried on PostgreSQL once; and each writer's pause (its last SQLite write to its
 * first PostgreSQL write) is printed, not asserted (speed is measured in bench/). WAL and rollback
 * journal.
 */
@NeedsServer
class CutoverUnderLoadTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "wal={0}")
  @ValueSource(booleans = {true, false})
  void aCooperatingApplicationMovesWithNoWriteLostOrDoubled(boolean wal) throws Exception {
    String url = TestPostgres.newDatabase("cutover_load_" + (wal ? "wal" : "journal"));
    Path db = LoadSchema.create(dir.resolve("shop.db"), wal, false, 2000);
    Path flag = dir.resolve("switch-to-postgres");
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    try (Cooperating app = Cooperating.start(db, url, flag, 4, 200)) {
      assertThat(m.syncStart().exitCode()).isZero();
      follow(m, 2_000);
      assertThat(m.syncVerify().equal()).isTrue();
      CutoverResult r =
          m.cutover(
              CutoverOptions.defaults()
                  .withLag(Duration.ofSeconds(1), Duration.ofSeconds(2))
                  .withOnCutover("touch '" + flag + "'"));
      assertThat(r.outcome()).as(r.toString()).isEqualTo(CutoverResult.Outcome.CUT_OVER);
      Thread.sleep(1_500); // the application goes on, on PostgreSQL
      app.stop();
      System.out.printf(
          Locale.ROOT,
          "cutover under load (wal=%s): lock %.1f ms, drained %d, fenced writes %d, pauses %s ms%n",
          wal,
          r.lockMs(),
          r.drained(),
          app.fenced(),
          app.gapsMs().stream().map(g -> String.format(Locale.ROOT, "%.0f", g)).toList());
      assertThat(app.onPg()).as("every writer reached PostgreSQL").isEqualTo(4);
      assertThat(app.retriedOnPg()).isEqualTo(app.fenced());
      assertThat(app.differences()).isEmpty();
      assertThat(app.orders()).as("orders made on both sides").isGreaterThan(20);
    }
  }

  /** sync run for {@code ms} while the application writes, then stopped (cutover needs it so). */
  private static void follow(Migrator m, long ms) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Thread.sleep(ms);
    stop.set(true);
    running.get(30, TimeUnit.SECONDS);
  }
}
