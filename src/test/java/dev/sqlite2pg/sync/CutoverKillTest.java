package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.sync.load.Cooperating;
import dev.sqlite2pg.sync.load.LoadSchema;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
      awaitPaused(p, round.log, step);
      kill(p);
      Sides killed = round.sides();
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
        awaitLine(p, round.log, "cutover: caught up");
        Thread.sleep(random.nextInt(120));
        boolean alive = p.isAlive();
        kill(p);
        Sides killed = round.sides();
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
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.sqlite2pg.cli.Main",
                  "cutover",
                  db.toString(),
                  url,
                  "--lag-window",
                  "0s",
                  "--max-lag",
                  "60s",
                  "--on-cutover",
                  "touch '" + flag + "'")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      step.ifPresent(s -> pb.environment().put("SQLITE2PG_PAUSE_AT", s));
      return pb.start();
    }

    Sides sides() throws Exception {
      try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db);
          Connection pg = TestPostgres.connect(url)) {
        return new Sides(!SqliteFence.active(sqlite), !Fence.active(pg, "public"));
      }
    }

    /**
     * Recovery, then exactly one side writable; a cut-over undone is done again; the application
     * goes on on PostgreSQL and every acknowledged write is there once.
     */
    void finish(Cooperating app, boolean decided) throws Exception {
      CutoverResult resumed = resume();
      Sides after = sides();
      assertThat(after.sqliteWritable() ^ after.pgWritable()).as(resumed.toString()).isTrue();
      assertThat(after.pgWritable()).as(resumed.toString()).isEqualTo(decided);
      if (!decided) {
        assertThat(resumed.outcome())
            .isIn(CutoverResult.Outcome.UNDONE, CutoverResult.Outcome.NOTHING_TO_RESUME);
        CutoverResult again = m.cutover(options(false));
        assertThat(again.outcome()).as(again.toString()).isEqualTo(CutoverResult.Outcome.CUT_OVER);
      }
      Sides end = sides();
      assertThat(end.pgWritable() && !end.sqliteWritable()).isTrue();
      Thread.sleep(800); // the application on PostgreSQL
      app.stop();
      assertThat(app.onPg()).isEqualTo(3);
      assertThat(app.retriedOnPg()).isEqualTo(app.fenced());
      assertThat(app.differences()).isEmpty();
    }

    /** cutover --resume; while the killed process's session still holds the run lock, again. */
    CutoverResult resume() throws InterruptedException {
      for (int attempt = 0; ; attempt++) {
        try {
          return m.cutover(options(true));
        } catch (MigrationException e) {
          if (attempt > 50 || !e.getMessage().contains("another sqlite2pg")) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
    }

    CutoverOptions options(boolean resume) {
      return CutoverOptions.defaults()
          .withLag(Duration.ofSeconds(60), Duration.ZERO)
          .withOnCutover("touch '" + flag + "'")
          .withResume(resume);
    }
  }

  /** Which sides take the application's writes. */
  private record Sides(boolean sqliteWritable, boolean pgWritable) {}

  private static void awaitPaused(Process p, Path log, String step) throws Exception {
    awaitLine(p, log, "cutover: paused at " + step);
  }

  private static void awaitLine(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      if (out.contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("cutover ended before '" + line + "':\n" + out);
      }
      Thread.sleep(1);
    }
    throw new AssertionError("never '" + line + "':\n" + Files.readString(log));
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
  }
}
