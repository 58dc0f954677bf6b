package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.RollbackOptions;
import dev.sqlite2pg.RollbackResult;
import dev.sqlite2pg.sync.load.Cooperating;
import dev.sqlite2pg.sync.load.Drill;
import dev.sqlite2pg.sync.load.LoadSchema;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of {@code sqlite2pg rollback} at each step (issue 14, "Tests"; design 3.8, recovery),
 * while a cooperating application writes (to PostgreSQL after the cut-over, back to SQLite after
 * the rollback: {@link Cooperating} follows the flag file and both fences). Right after the kill at
 * most one side takes writes; after {@code rollback --resume} (and a second rollback when the kill
 * came before PostgreSQL's commit) SQLite does and PostgreSQL does not, and every acknowledged
 * write, wherever it was made, is in SQLite. {@code -Dsoak=20} then kills 20 rollbacks at random
 * moments.
 */
@NeedsServer
class RollbackKillTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "killed at {0}, wal={1}")
  @CsvSource({"locked,true", "applied,false", "decided,true", "unfenced,false", "told,true"})
  void killedAtAStepRollbackResumeLeavesSqliteWritable(String step, boolean wal) throws Exception {
    Round round = new Round("rollback_kill_" + step + (wal ? "_wal" : "_journal"), wal);
    try (Cooperating app = round.start()) {
      Process p = round.rollback(Optional.of(step));
      Drill.awaitLine(p, round.log, "rollback: paused at " + step);
      Drill.kill(p);
      Drill.Sides killed = round.sides();
      assertThat(killed.sqliteWritable() && killed.pgWritable()).isFalse();
      boolean decided = List.of("decided", "unfenced", "told").contains(step);
      assertThat(killed.pgWritable())
          .as("PostgreSQL writable, killed at " + step)
          .isEqualTo(!decided);
      round.finish(app);
    }
  }

  @Test
  void killedAtRandomMomentsEveryRollbackEndsWithOneSideWritable() throws Exception {
    int rounds = Integer.getInteger("sqlite2pg.soak", 0);
    Random random = new Random(14);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Round round = new Round("rollback_soak_" + i, i % 2 == 0);
      try (Cooperating app = round.start()) {
        Process p = round.rollback(Optional.empty());
        Drill.awaitLine(p, round.log, "rollback: PostgreSQL's tables locked");
        Thread.sleep(random.nextInt(400)); // its next steps take tens to hundreds of ms
        boolean alive = p.isAlive();
        Drill.kill(p);
        Drill.Sides killed = round.sides();
        assertThat(killed.sqliteWritable() && killed.pgWritable()).isFalse();
        outcomes.add(
            (alive ? "killed " : "finished ")
                + (killed.pgWritable() ? "before" : killed.sqliteWritable() ? "after" : "between"));
        round.finish(app);
      }
    }
    System.out.println("rollback soak: " + rounds + " rounds: " + outcomes);
  }

  /** One database: sync, a cut-over, the application on PostgreSQL, and a rollback to kill. */
  private final class Round {
    final String url;
    final Path db;
    final Path flag;
    final Path log;
    final Migrator m;

    Round(String name, boolean wal) {
      this.url = TestPostgres.newDatabase(name);
      this.db = LoadSchema.create(dir.resolve(name + ".db"), wal, false, 2000);
      this.flag = dir.resolve(name + ".flag");
      this.log = dir.resolve(name + ".log");
      this.m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    }

    Cooperating start() throws Exception {
      Cooperating app = Cooperating.start(db, url, flag, 3, 150);
      assertThat(m.syncStart().exitCode()).isZero();
      assertThat(m.syncVerify().equal()).isTrue();
      assertThat(
              m.cutover(
                      CutoverOptions.defaults()
                          .withLag(Duration.ofSeconds(60), Duration.ZERO)
                          .withOnCutover("touch '" + flag + "'"))
                  .exitCode())
          .isZero();
      Thread.sleep(1000); // the application on PostgreSQL: inserts, updates, order ids there
      return app;
    }

    /** {@code sqlite2pg rollback} in a JVM of its own, paused at {@code step} when given. */
    Process rollback(Optional<String> step) throws Exception {
      return Drill.cli(
          log, step, "rollback", db.toString(), url, "--on-rollback", "rm -f '" + flag + "'");
    }

    Drill.Sides sides() throws Exception {
      return Drill.sides(db, url);
    }

    /** Recovery; SQLite writable and PostgreSQL not; the application back; nothing lost. */
    void finish(Cooperating app) throws Exception {
      RollbackResult resumed = resume();
      if (sides().pgWritable()) {
        assertThat(resumed.outcome()).isEqualTo(RollbackResult.Outcome.NOTHING_TO_RESUME);
        RollbackResult again = m.rollback(options(false));
        assertThat(again.outcome())
            .as(again.toString())
            .isEqualTo(RollbackResult.Outcome.ROLLED_BACK);
      }
      Drill.Sides end = sides();
      assertThat(end.sqliteWritable() && !end.pgWritable()).as(resumed.toString()).isTrue();
      Thread.sleep(800); // the application on SQLite again
      app.stop();
      assertThat(app.backOnSqlite()).isEqualTo(3);
      assertThat(app.differences("jdbc:sqlite:" + db)).isEmpty();
    }

    /** rollback --resume, once the killed process's session let go of the run lock. */
    RollbackResult resume() throws InterruptedException {
      return Drill.whenFree(() -> m.rollback(options(true)));
    }

    RollbackOptions options(boolean resume) {
      return RollbackOptions.defaults().withOnRollback("rm -f '" + flag + "'").withResume(resume);
    }
  }
}
