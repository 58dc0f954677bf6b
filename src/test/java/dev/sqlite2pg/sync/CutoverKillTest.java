package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.Migrator;
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
 * kill -9 of {@code sqlite2pg cutover} at each step of the protocol (issue 13, "Tests"; design 3.7,
 * crash recovery), while a cooperating application writes: the command runs in a JVM of its own,
 * stops at the step ({@code SQLITE2PG_PAUSE_AT}) and is killed with SIGKILL there. Right after the
 * kill, at most one side takes writes; after {@code cutover --resume}, exactly one does: SQLite
 * when the kill came before SQLite's commit (then a new cut-over completes), PostgreSQL after it.
 * Every acknowledged write is in PostgreSQL exactly once. {@code -Dsoak=20} then kills 20 cut-overs
 * at random moments.
 */
@NeedsServer
class CutoverKillTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "killed at {0}, wal={1}")
  @CsvSource({
    "caught-up,true",
    "locked,false",
    "drained,true",
    "drained,false",
    "decided,true",
    "decided,false",
    "unfenced,true",
    "told,false",
    "validated,true"
  })
  void killedAtAStepCutoverResumeLeavesOneSideWritable(String step, boolean wal) throws Exception {
    String name = "cutover_kill_" + step.replace('-', '_') + (wal ? "_wal" : "_journal");
    Round round = new Round(name, wal);
    try (Cooperating app = round.start()) {
      Process p = round.cutover(Optional.of(step));
      Drill.awaitLine(p, round.log, "cutover: paused at " + step);
      Drill.kill(p);
      Drill.Sides killed = round.sides();
      assertThat(killed.sqliteWritable() && killed.pgWritable())
          .as("both writable after a kill at " + step)
          .isFalse();
      boolean decided = List.of("decided", "unfenced", "told", "validated").contains(step);
      assertThat(killed.sqliteWritable())
          .as("SQLite writable, killed at " + step)
          .isEqualTo(!decided);
      round.finish(app, decided);
    }
  }

  @Test
  void killedAtRandomMomentsEveryCutoverEndsWithOneSideWritable() throws Exception {
    int rounds = Integer.getInteger("sqlite2pg.soak", 0);
    Random random = new Random(13);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Round round = new Round("cutover_soak_" + i, i % 2 == 0);
      try (Cooperating app = round.start()) {
        Process p = round.cutover(Optional.empty());
        // The protocol takes tens of milliseconds after its catch-up: kills spread over it.
        Drill.awaitLine(p, round.log, "cutover: caught up");
        Thread.sleep(random.nextInt(120));
        boolean alive = p.isAlive();
        Drill.kill(p);
        Drill.Sides killed = round.sides();
        assertThat(killed.sqliteWritable() && killed.pgWritable()).isFalse();
        outcomes.add(
            (alive ? "killed" : "finished") + (killed.sqliteWritable() ? " before" : " after"));
        round.finish(app, !killed.sqliteWritable());
      }
    }
    System.out.println("cutover soak: " + rounds + " rounds: " + outcomes);
  }

  /** One database, its sync, and a cut-over to kill. */
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

    Cooperating start() {
      Cooperating app = Cooperating.start(db, url, flag, 3, 150);
      assertThat(m.syncStart().exitCode()).isZero();
      assertThat(m.syncVerify().equal()).isTrue();
      return app;
    }

    /** {@code sqlite2pg cutover} in a JVM of its own, paused at {@code step} when given. */
    Process cutover(Optional<String> step) throws Exception {
      return Drill.cli(
          log,
          step,
          "cutover",
          db.toString(),
          url,
          "--lag-window",
          "0s",
          "--max-lag",
          "60s",
          "--on-cutover",
          "touch '" + flag + "'");
    }

    Drill.Sides sides() throws Exception {
      return Drill.sides(db, url);
    }

    /**
     * Recovery, then exactly one side writable; a cut-over undone is done again; the application
     * goes on on PostgreSQL and every acknowledged write is there once.
     */
    void finish(Cooperating app, boolean decided) throws Exception {
      CutoverResult resumed = resume();
      Drill.Sides after = sides();
      assertThat(after.sqliteWritable() ^ after.pgWritable()).as(resumed.toString()).isTrue();
      assertThat(after.pgWritable()).as(resumed.toString()).isEqualTo(decided);
      if (!decided) {
        assertThat(resumed.outcome())
            .isIn(CutoverResult.Outcome.UNDONE, CutoverResult.Outcome.NOTHING_TO_RESUME);
        CutoverResult again = m.cutover(options(false));
        assertThat(again.outcome()).as(again.toString()).isEqualTo(CutoverResult.Outcome.CUT_OVER);
      }
      Drill.Sides end = sides();
      assertThat(end.pgWritable() && !end.sqliteWritable()).isTrue();
      Thread.sleep(800); // the application on PostgreSQL
      app.stop();
      assertThat(app.onPg()).isEqualTo(3);
      assertThat(app.retriedOnPg()).isEqualTo(app.fenced());
      assertThat(app.differences()).isEmpty();
    }

    /** cutover --resume, once the killed process's session let go of the run lock. */
    CutoverResult resume() throws InterruptedException {
      return Drill.whenFree(() -> m.cutover(options(true)));
    }

    CutoverOptions options(boolean resume) {
      return CutoverOptions.defaults()
          .withLag(Duration.ofSeconds(60), Duration.ZERO)
          .withOnCutover("touch '" + flag + "'")
          .withResume(resume);
    }
  }
}
