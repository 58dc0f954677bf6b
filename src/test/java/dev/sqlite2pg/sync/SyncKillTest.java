package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.sync.load.LoadGenerator;
import dev.sqlite2pg.sync.load.LoadSchema;
import dev.sqlite2pg.sync.load.SyncChecks;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the sync process (issue 12, "Tests"; design 4.3 #4): {@code sync start} or {@code sync
 * run} of the command line in a JVM of its own, killed with SIGKILL at three fixed points while the
 * load generator writes: (a) during sync start's copy, (b) during the catch-up of a backlog made
 * while sync was stopped, (c) while following, after a PostgreSQL commit and before the next
 * pruning. Afterwards sync runs until it has applied every captured change with the writers
 * stopped, and PostgreSQL equals SQLite and the ledger. {@code -Dsoak=20} then kills 20 times in a
 * row at random moments, restarting each time as an operator would.
 */
@NeedsServer
class SyncKillTest {

  @TempDir Path dir;

  @Test
  void killedDuringTheCopySyncStartCopiesAgain() throws Exception {
    String url = TestPostgres.newDatabase("sync_kill_copy");
    Path db = LoadSchema.create(dir.resolve("copy.db"), true, false, 100_000);
    Path ledger = dir.resolve("copy-ledger.tsv");
    try (LoadGenerator load = writers(db, ledger)) {
      Process p = sync("start", db, url, "copy-1.log");
      awaitTrue(url, "SELECT EXISTS (SELECT 1 FROM sqlite2pg.chunks)", p, "copy-1.log");
      kill(p);
      assertThat(sqliteHas(db, "sqlite2pg_changes")).as("capture installed").isTrue();
      assertThat(SyncChecks.applied(url)).as("no boundary recorded").isEqualTo(-1);

      CliRun run = CliRun.run("sync", "run", "-q", db.toString(), url);
      assertThat(run.exitCode()).isNotZero();
      assertThat(run.err()).contains("run sqlite2pg sync start first");

      MigrationResult again = migrator(db, url).syncStart();
      assertThat(again.exitCode()).as(again.toString()).isZero();
      Thread.sleep(1000); // writes after the second copy's snapshot, applied by sync run
      load.stop();
    }
    catchUpAndCompare(db, url, List.of(ledger));
  }

  @Test
  void killedDuringTheCatchUpOfABacklogSyncRunContinues() throws Exception {
    String url = TestPostgres.newDatabase("sync_kill_backlog");
    Path db = LoadSchema.create(dir.resolve("backlog.db"), true, false, 20_000);
    Path ledger = dir.resolve("backlog-ledger.tsv");
    Migrator m = migrator(db, url);
    assertThat(m.syncStart().exitCode()).isZero();
    long boundary = SyncChecks.applied(url);
    // The backlog, made while no sync runs: bulk updates of every order line (60,000 rows, 5
    // times), then the application's mix.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 5; i++) {
        s.executeUpdate("UPDATE order_lines SET qty = qty + 1");
      }
    }
    try (LoadGenerator load = writers(db, ledger)) {
      Thread.sleep(2000);
      load.stop();
    }
    long captured = SyncChecks.captured(db);
    Process p = sync("run", db, url, "backlog-1.log");
    awaitTrue(
        url, "SELECT applied > " + boundary + " FROM sqlite2pg.sync_state", p, "backlog-1.log");
    kill(p);
    assertThat(SyncChecks.applied(url)).as("killed mid catch-up").isLessThan(captured);
    catchUpAndCompare(db, url, List.of(ledger));
  }

  @Test
  void killedWhileFollowingSyncRunContinues() throws Exception {
    String url = TestPostgres.newDatabase("sync_kill_follow");
    Path db = LoadSchema.create(dir.resolve("follow.db"), true, false, 2000);
    Path ledger = dir.resolve("follow-ledger.tsv");
    Migrator m = migrator(db, url);
    assertThat(m.syncStart().exitCode()).isZero();
    long boundary = SyncChecks.applied(url);
    try (LoadGenerator load = writers(db, ledger)) {
      Process p = sync("run", db, url, "follow-1.log");
      // A batch committed: pruning comes only every 10 s, so this kill lands between a
      // PostgreSQL commit and the pruning of what it applied.
      awaitTrue(
          url, "SELECT applied > " + boundary + " FROM sqlite2pg.sync_state", p, "follow-1.log");
      Thread.sleep(300 + new Random().nextInt(700));
      kill(p);
      Thread.sleep(1000); // the application goes on writing while sync is down
      load.stop();
    }
    catchUpAndCompare(db, url, List.of(ledger));
    randomKills(Integer.getInteger("sqlite2pg.soak", 0));
  }

  /**
   * (d) during a table's re-sync (design 3.5): order_lines is rebuilt the way Alembic's batch mode
   * does it (a new table, the rows copied, the old one dropped, the new one renamed), which drops
   * capture's triggers; sync pauses the table, reinstalls them and replaces the table's rows in
   * PostgreSQL, and is killed while it does. The pause was committed first, so the next sync run
   * re-syncs the table again, and the rows written between the rebuild and the reinstall arrive.
   */
  @Test
  void killedDuringATableResyncSyncRunResyncsIt() throws Exception {
    String url = TestPostgres.newDatabase("sync_kill_resync");
    Path db = LoadSchema.create(dir.resolve("resync.db"), true, false, 100_000);
    Path ledger = dir.resolve("resync-ledger.tsv");
    assertThat(migrator(db, url).syncStart().exitCode()).isZero();
    long boundary = SyncChecks.applied(url);
    try (LoadGenerator load = writers(db, ledger)) {
      Process p = sync("run", db, url, "resync-1.log");
      awaitTrue(
          url, "SELECT applied > " + boundary + " FROM sqlite2pg.sync_state", p, "resync-1.log");
      rebuild(db, "order_lines");
      awaitTrue(
          url,
          "SELECT EXISTS (SELECT 1 FROM sqlite2pg.sync_tables WHERE paused IS NOT NULL)",
          p,
          "resync-1.log");
      kill(p);
      assertThat(SyncChecks.paused(url))
          .as("killed before the re-sync committed (300,000 rows take seconds)")
          .containsKey("order_lines");
      Thread.sleep(1000); // the application goes on writing while sync is down
      load.stop();
    }
    catchUpAndCompare(db, url, List.of(ledger));
    assertThat(SyncChecks.paused(url)).isEmpty();
  }

  /** Alembic's batch mode on SQLite, in one transaction: the table's rows under a new table. */
  private static void rebuild(Path db, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      String ddl;
      try (ResultSet rs =
          s.executeQuery("SELECT sql FROM sqlite_schema WHERE name = '" + table + "'")) {
        rs.next();
        ddl = rs.getString(1);
      }
      s.execute("BEGIN IMMEDIATE");
      s.execute(ddl.replaceFirst(table, "_alembic_tmp_" + table));
      s.execute("INSERT INTO _alembic_tmp_" + table + " SELECT * FROM " + table);
      s.execute("DROP TABLE " + table);
      s.execute("ALTER TABLE _alembic_tmp_" + table + " RENAME TO " + table);
      s.execute("COMMIT");
    }
  }

  /**
   * The soak: one database written throughout, sync killed {@code rounds} times in a row at a
   * random moment after it was (re)started (the first third within 0.5-3 s, the rest within 1-10
   * s), restarted each time with {@code sync start} while no copy has completed and {@code sync
   * run} afterwards, so kills land mid-copy, in catch-up and while following; then equal and
   * ledger-complete.
   */
  private void randomKills(int rounds) throws Exception {
    if (rounds == 0) {
      return;
    }
    String url = TestPostgres.newDatabase("sync_soak");
    Path db = LoadSchema.create(dir.resolve("soak.db"), true, false, 40_000);
    Path ledger = dir.resolve("soak-ledger.tsv");
    Random random = new Random(42);
    List<String> phases = new ArrayList<>();
    try (LoadGenerator load = writers(db, ledger)) {
      for (int i = 0; i < rounds; i++) {
        String command = SyncChecks.applied(url) < 0 ? "start" : "run";
        Process p = sync(command, db, url, "soak-" + i + ".log");
        // The first third soon after the start (mostly mid-copy), the others anywhere in 1-10 s.
        Thread.sleep(i < rounds / 3 ? 500 + random.nextInt(2500) : 1000 + random.nextInt(9000));
        boolean alive = p.isAlive();
        kill(p);
        phases.add(
            alive
                ? command + " " + (SyncChecks.applied(url) < 0 ? "mid-copy" : "after the copy")
                : command + " had exited: " + Files.readString(dir.resolve("soak-" + i + ".log")));
      }
      load.stop();
    }
    if (SyncChecks.applied(url) < 0) {
      assertThat(migrator(db, url).syncStart().exitCode()).isZero();
    }
    catchUpAndCompare(db, url, List.of(ledger));
    System.out.println("soak: " + rounds + " kills, equal; restarted with " + phases);
    assertThat(phases).noneMatch(ph -> ph.contains("had exited"));
    assertThat(phases).anyMatch(ph -> ph.startsWith("run"));
  }

  // ---------------------------------------------------------------------------------------------

  private static Migrator migrator(Path db, String url) {
    return Migrator.configure().source(db).target(new JdbcTarget(url)).build();
  }

  /** Three writer threads at 150 statements a second in all, with a ledger. */
  private static LoadGenerator writers(Path db, Path ledger) {
    return LoadGenerator.start(new LoadGenerator.Options(db, 1, 3, 150, ledger, 1, false));
  }

  /** {@code sqlite2pg sync COMMAND} in a JVM of its own, to be killed. */
  private Process sync(String command, Path db, String url, String log) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dsqlite2pg.chunk-rows=20000",
            // what a killed process leaves (its snapshot) stays in the test's directory
            "-Djava.io.tmpdir=" + java.nio.file.Files.createDirectories(dir.resolve("tmp")),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.sqlite2pg.cli.Main",
            "sync",
            command,
            db.toString(),
            url)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile())
        .start();
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
  }

  /** Polls the target until {@code sql} is true; fails if the process ends first. */
  private void awaitTrue(String url, String sql, Process p, String log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("sync ended early: " + Files.readString(dir.resolve(log)));
      }
      try (Connection c = TestPostgres.connect(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        if (rs.next() && rs.getBoolean(1)) {
          return;
        }
      } catch (SQLException notYet) {
        // the state tables do not exist yet
      }
      Thread.sleep(5);
    }
    throw new AssertionError("never true: " + sql + "\n" + Files.readString(dir.resolve(log)));
  }

  /**
   * With the writers stopped: sync run (this JVM, the library) until every captured change is
   * applied, then PostgreSQL equals SQLite and the ledger.
   */
  private static void catchUpAndCompare(Path db, String url, List<Path> ledgers) throws Exception {
    long captured = SyncChecks.captured(db);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running =
        CompletableFuture.supplyAsync(() -> runWhenFree(migrator(db, url), stop));
    SyncChecks.awaitApplied(url, captured, () -> !running.isDone(), 300);
    stop.set(true);
    assertThat(running.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(captured);
    assertThat(SyncChecks.differences(db, url, ledgers)).isEmpty();
  }

  /** sync run; while the killed process's server session still holds sync's lock, again. */
  private static long runWhenFree(Migrator m, AtomicBoolean stop) {
    for (int attempt = 0; ; attempt++) {
      try {
        return m.syncRun(stop::get);
      } catch (MigrationException e) {
        if (attempt > 50 || !e.getMessage().contains("another sqlite2pg")) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException i) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean sqliteHas(Path db, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_schema WHERE name = '" + table + "'")) {
      return rs.next();
    }
  }
}
