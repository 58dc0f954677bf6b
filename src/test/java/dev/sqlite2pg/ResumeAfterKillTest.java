package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a migration, then --resume: every row arrives exactly once. The migration runs in
 * its own JVM, killed with SIGKILL at a different point each round (before the run record,
 * mid-copy, during post-data, after the end).
 */
@NeedsServer
class ResumeAfterKillTest {

  @TempDir static Path dir;
  static Path db;

  /** events (300,000 rows) is copied in 6 chunks, each committed with its progress record. */
  private static final String CHUNK_ROWS = "50000";

  @BeforeAll
  static void source() {
    // The resuming run is this JVM: it must cut the same chunks as the killed one.
    System.setProperty("sqlite2pg.chunk-rows", CHUNK_ROWS);
    db =
        Fixtures.buildFromSql(
            """
        -- An event log that keeps growing, beside the small tables of the same app.
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER REFERENCES
          users(id), kind TEXT, payload TEXT, at DATETIME);
        CREATE TABLE tags (event_id INTEGER, tag TEXT, PRIMARY KEY (event_id, tag));
        CREATE INDEX events_by_user ON events(user_id);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
        INSERT INTO users SELECT i, 'user ' || i FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
        INSERT INTO events (user_id, kind, payload, at) SELECT 1 + i % 50, 'k' || (i % 7),
          printf('payload %d %s', i, hex(i * 7919)),
          strftime('%Y-%m-%d %H:%M:%S', 1600000000 + i, 'unixepoch') FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
        INSERT INTO tags SELECT i, 'tag' || (i % 3) FROM n;
        """,
            dir.resolve("events.db"));
  }

  @org.junit.jupiter.api.AfterAll
  static void defaultChunks() {
    System.clearProperty("sqlite2pg.chunk-rows");
  }

  private static final List<String> PATHS = new ArrayList<>();

  /** When to kill the migrating process. */
  private enum Moment {
    BEFORE_THE_RUN_IS_RECORDED("SELECT false"),
    RUN_RECORDED_NOTHING_COMMITTED("SELECT EXISTS (SELECT 1 FROM sqlite2pg.runs)"),
    FIRST_TABLE_COMMITTED(
        "SELECT EXISTS (SELECT 1 FROM sqlite2pg.tables" + " WHERE copied_at IS NOT NULL)"),
    FIRST_CHUNK_COMMITTED("SELECT EXISTS (SELECT 1 FROM sqlite2pg.chunks)");

    final String ready;

    Moment(String ready) {
      this.ready = ready;
    }
  }

  @Test
  void killedRunsResumeToExactlyTheSourceRows() throws Exception {
    PATHS.clear();
    for (Moment moment : Moment.values()) {
      String url = TestPostgres.newDatabase("resume");
      Process p = startMigration(url, 1, 20000, "killed.log");
      waitFor(moment, url);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long chunksBefore = chunks(url);

      MigrationResult r = resumeOrStartOver(url);
      assertThat(r.tables())
          .as("killed %s", moment)
          .allSatisfy(
              t ->
                  assertThat(t.verification())
                      .hasValueSatisfying(v -> assertThat(v.equal()).as(t.sourceTable()).isTrue()));
      assertThat(r.exitCode()).isZero();
      try (Connection c = TestPostgres.connect(url);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT count(*) FROM events),"
                      + " (SELECT count(DISTINCT id) FROM events), (SELECT count(*) FROM tags)")) {
        rs.next();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .containsExactly(300000L, 300000L, 20000L);
      }
      if (moment == Moment.FIRST_CHUNK_COMMITTED) {
        assertThat(chunksBefore).as("chunks committed before the kill").isPositive();
        assertThat(chunks(url)).as("every chunk of events recorded once").isEqualTo(6);
      }
    }
    assertThat(PATHS)
        .as("kills mid-run were resumed; the first kill came before the run" + " existed")
        .containsExactly("started over", "resumed", "resumed", "resumed");
    randomKills(Integer.getInteger("sqlite2pg.soak", 0));
  }

  /**
   * The soak, after the fixed moments: {@code -Dsoak=20} kills at a random point after the
   * run is recorded (0 to 1.5 s later: mid-copy, in post-data, or after the end), that many times
   * in a row, and every time resume (or a fresh start, when the run had finished) verifies equal.
   * None by default: 20 rounds take minutes.
   */
  private static void randomKills(int rounds) throws Exception {
    PATHS.clear();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < rounds; i++) {
      String url = TestPostgres.newDatabase("soak");
      Process p = startMigration(url, 2, 5000, "soak.log");
      waitFor(Moment.RUN_RECORDED_NOTHING_COMMITTED, url);
      Thread.sleep(random.nextInt(1500));
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      MigrationResult r = resumeOrStartOver(url);
      assertThat(r.exitCode()).as("soak round %d", i).isZero();
      assertThat(r.tables())
          .allSatisfy(
              t ->
                  assertThat(t.verification())
                      .hasValueSatisfying(v -> assertThat(v.equal()).isTrue()));
    }
    System.out.println("soak: " + rounds + " kills, paths " + PATHS);
  }

  /** `migrate` in a JVM of its own, to be killed; its output goes to {@code log}. */
  private static Process startMigration(String url, int jobs, int batchSize, String log)
      throws Exception {
    return new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsqlite2pg.chunk-rows=" + CHUNK_ROWS,
                // what a killed process leaves (its snapshot) stays in the test's directory
                "-Djava.io.tmpdir=" + java.nio.file.Files.createDirectories(dir.resolve("tmp")),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sqlite2pg.cli.Main",
                "migrate",
                "-q",
                db.toString(),
                url,
                "--jobs",
                String.valueOf(jobs),
                "--batch-size",
                String.valueOf(batchSize),
                "--no-verify"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile())
        .start();
  }

  /** Chunks recorded as committed in the target's state, 0 before the state exists. */
  private static long chunks(String url) throws Exception {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite2pg.chunks")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException none) {
      return 0;
    }
  }

  /** Polls the target until the moment has come (the state tables say so). */
  private static void waitFor(Moment moment, String url) throws Exception {
    if (moment == Moment.BEFORE_THE_RUN_IS_RECORDED) {
      Thread.sleep(300);
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery(moment.ready)) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
        } catch (java.sql.SQLException notYet) {
          // The state tables do not exist yet.
        }
        Thread.sleep(10);
      }
    }
    throw new AssertionError("the migration never reached " + moment);
  }

  /**
   * --resume, as an operator would run it; when the kill came before the run was recorded (or after
   * it finished), resume says so and a fresh run with --drop is the answer.
   */
  private static MigrationResult resumeOrStartOver(String url) throws Exception {
    List<String> said = new ArrayList<>();
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        MigrationResult r =
            Migrator.configure()
                .source(db)
                .target(new JdbcTarget(url))
                .resume(true)
                .build()
                .migrate();
        PATHS.add("resumed");
        return r;
      } catch (MigrationException e) {
        said.add(e.getMessage());
        if (e.getMessage().contains("another sqlite2pg run")) {
          Thread.sleep(200); // the killed client's server process has not noticed yet
          continue;
        }
        assertThat(e.getMessage()).contains("no interrupted run");
        PATHS.add("started over");
        return Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .drop(true)
            .build()
            .migrate();
      }
    }
    throw new AssertionError("resume never got the lock: " + said);
  }
}
