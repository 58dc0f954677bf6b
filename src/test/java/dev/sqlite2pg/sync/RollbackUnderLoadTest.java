package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.RollbackOptions;
import dev.sqlite2pg.RollbackResult;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip under load (issue 14, "Tests"): a cooperating application writes all along while
 * sync follows, the cut-over moves it to PostgreSQL, sync run brings its PostgreSQL writes back
 * into the fenced file, the rollback moves it to SQLite with every one of them (order ids from
 * PostgreSQL's identity, updates of rows from before the cut-over), forward sync follows again, and
 * a second cut-over verifies equal and moves it to PostgreSQL once more. Every acknowledged write
 * is where the application went last, exactly once.
 */
@NeedsServer
class RollbackUnderLoadTest {

  @TempDir Path dir;

  @Test
  void thereAndBackAndThereAgainWithNoWriteLost() throws Exception {
    String url = TestPostgres.newDatabase("rollback_load");
    Path db = LoadSchema.create(dir.resolve("shop.db"), true, false, 2000);
    Path flag = dir.resolve("on-postgres");
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    CutoverOptions cut =
        CutoverOptions.defaults()
            .withLag(Duration.ofSeconds(1), Duration.ofSeconds(1))
            .withOnCutover("touch '" + flag + "'");
    try (Cooperating app = Cooperating.start(db, url, flag, 4, 200)) {
      assertThat(m.syncStart().exitCode()).isZero();
      follow(m, 1_500);
      assertThat(m.syncVerify().equal()).isTrue();
      assertThat(m.cutover(cut).exitCode()).isZero();
      follow(m, 2_000); // sync run, in reverse: the application writes to PostgreSQL
      RollbackResult back =
          m.rollback(RollbackOptions.defaults().withOnRollback("rm -f '" + flag + "'"));
      assertThat(back.outcome()).as(back.toString()).isEqualTo(RollbackResult.Outcome.ROLLED_BACK);
      follow(m, 2_000); // forward again: the application writes to SQLite
      assertThat(m.syncVerify().equal()).as("forward sync converged after the rollback").isTrue();
      CutoverResult again = m.cutover(cut);
      assertThat(again.exitCode()).as(again.toString()).isZero();
      Thread.sleep(1_000);
      app.stop();
      System.out.printf(
          Locale.ROOT,
          "round trip: rollback %d changes, PostgreSQL locked %.1f ms; second cut-over lock %.1f"
              + " ms%n",
          back.changes(),
          back.lockMs(),
          again.lockMs());
      assertThat(app.backOnSqlite()).as("every writer came back to SQLite").isEqualTo(4);
      assertThat(app.differences()).as("every acknowledged write, in PostgreSQL once").isEmpty();
    }
  }

  /** sync run for {@code ms}, then stopped (cutover, sync verify and rollback need it so). */
  private static void follow(Migrator m, long ms) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Thread.sleep(ms);
    stop.set(true);
    running.get(60, TimeUnit.SECONDS);
  }
}
