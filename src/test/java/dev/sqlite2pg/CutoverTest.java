package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover} through the library (issue 13; design 3.7): the application's writes move from
 * SQLite to PostgreSQL with every change drained, the sequences past SQLite's ids, the foreign keys
 * added, SQLite fenced and PostgreSQL unfenced; and it changes nothing when a precondition fails or
 * the application holds SQLite's write lock past --lock-timeout.
 */
@NeedsServer
class CutoverTest {

  @TempDir Path dir;

  private static final String HELPDESK =
      """
      -- A helpdesk moving to PostgreSQL while it runs: tickets reference agents (an orphan
      -- ticket exists: SQLite's writers do not enforce the key), and notes use AUTOINCREMENT, whose
      -- ids are never given out twice, not even a deleted row's.
      CREATE TABLE agents (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL);
      CREATE TABLE tickets (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents(id),
        subject TEXT, opened_at TEXT);
      CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER
        REFERENCES tickets(id), body TEXT);
      INSERT INTO agents VALUES (1, 'a@example.com'), (2, 'b@example.com');
      INSERT INTO tickets VALUES (1, 1, 'printer', '2024-05-01 09:00:00'),
        (2, 9, 'orphan', '2024-05-01 09:05:00');
      INSERT INTO notes (ticket_id, body) VALUES (1, 'rebooted'), (1, 'still broken');
      """;

  private static CutoverOptions quick() {
    return CutoverOptions.defaults().withLag(Duration.ofSeconds(60), Duration.ZERO);
  }

  @Test
  void cutsOverWithEveryChangeDrainedAndSqliteFenced() throws Exception {
    String url = TestPostgres.newDatabase("cutover_e2e");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("helpdesk.db"));
    Migrator m = migrator(db, url);
    assertThat(m.syncStart().exitCode()).isZero();
    sqlite(db, "INSERT INTO tickets VALUES (3, 2, 'vpn', '2024-05-02 08:00:00')");
    assertThat(m.syncVerify().equal()).isTrue();
    // After the verify and before the cut-over: left for the drain under the lock.
    sqlite(db, "INSERT INTO notes (ticket_id, body) VALUES (3, 'new laptop')");
    sqlite(db, "DELETE FROM notes WHERE id = 3"); // id 3 given out; PostgreSQL must not reuse it
    sqlite(db, "UPDATE tickets SET subject = 'vpn again' WHERE id = 3");

    CutoverResult r = m.cutover(quick().withResume(false));

    assertThat(r.outcome()).as(r.toString()).isEqualTo(CutoverResult.Outcome.CUT_OVER);
    assertThat(r.exitCode()).isZero();
    // The three changes after the verify are applied by the catch-up, before the lock: nothing
    // writes meanwhile, so nothing is left to drain (CutoverUnderLoadTest drains real writes).
    assertThat(r.drained()).isZero();
    assertThat(r.changeId()).isEqualTo(lastChange(db));
    assertThat(r.lockMs()).isPositive();
    assertThat(r.steps())
        .extracting(CutoverResult.Step::name)
        .anyMatch(s -> s.contains("SQLite fenced"));
    assertThatThrownBy(() -> sqlite(db, "INSERT INTO agents VALUES (3, 'c@example.com')"))
        .hasMessageContaining("sqlite2pg: this database was cut over to PostgreSQL at");
    assertThatThrownBy(() -> sqlite(db, "UPDATE tickets SET subject = 'x'"))
        .hasMessageContaining("sqlite2pg:");
    assertThat(m.verify().equal()).as("the fenced file equals PostgreSQL at the cut-over").isTrue();
    assertThat(pgLong(url, "INSERT INTO notes (ticket_id, body) VALUES (3, 'on pg') RETURNING id"))
        .as("AUTOINCREMENT's mark survives: id 3 was given out in SQLite")
        .isEqualTo(4);
    assertThat(pgLong(url, "SELECT (subject = 'vpn again')::int FROM tickets WHERE id = 3"))
        .isEqualTo(1);
    assertThat(
            pgLong(
                url,
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
                    + " AND connamespace = 'public'::regnamespace"))
        .as("notes -> tickets validated; tickets -> agents stays NOT VALID for its orphan")
        .isEqualTo(1);
    assertThat(r.warnings()).extracting(Warning::describe).anyMatch(w -> w.contains("NOT VALID"));
    SyncStatus status = m.syncStatus();
    assertThat(status.phase()).isEqualTo(SyncStatus.Phase.CUT_OVER);
    assertThat(status.cutover())
        .get()
        .extracting(SyncStatus.Cutover::changeId)
        .isEqualTo(lastChange(db));
    assertThat(status.toJson(Duration.ofSeconds(1))).contains("\"phase\" : \"cut_over\"");

    CutoverResult again = m.cutover(quick());
    assertThat(again.message()).startsWith("already cut over at");
    m.syncStop();
    assertThatThrownBy(() -> sqlite(db, "DELETE FROM agents"))
        .as("sync stop after a cut-over keeps SQLite's fence")
        .hasMessageContaining("sqlite2pg:");
  }

  @Test
  void withoutAnEqualVerifyNothingChanges() throws Exception {
    String url = TestPostgres.newDatabase("cutover_unverified");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("unverified.db"));
    Migrator m = migrator(db, url);
    assertThat(m.syncStart().exitCode()).isZero();

    assertThatThrownBy(() -> m.cutover(quick()))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("cut-over not started, nothing changed")
        .hasMessageContaining("run sqlite2pg sync verify")
        .extracting(e -> ((MigrationException) e).code())
        .isEqualTo(MigrationException.Code.NOT_READY);
    sqlite(db, "INSERT INTO agents VALUES (3, 'c@example.com')"); // SQLite still takes writes
    assertThatThrownBy(() -> pgLong(url, "DELETE FROM agents RETURNING 1"))
        .hasMessageContaining("is not live yet");
    assertThat(m.syncStatus().phase()).isEqualTo(SyncStatus.Phase.STOPPED);
  }

  /**
   * An application transaction holding SQLite's write lock longer than --lock-timeout (a batch job
   * mid-import): the cut-over gives up and both sides are as they were.
   */
  @Test
  void aWriterHoldingTheLockPastTheTimeoutLeavesEverythingAsItWas() throws Exception {
    String url = TestPostgres.newDatabase("cutover_locked");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("locked.db"));
    Migrator m = migrator(db, url);
    assertThat(m.syncStart().exitCode()).isZero();
    assertThat(m.syncVerify().equal()).isTrue();
    CountDownLatch holding = new CountDownLatch(1);
    AtomicBoolean release = new AtomicBoolean();
    CompletableFuture<Void> app =
        CompletableFuture.runAsync(
            () -> {
              try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                  Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO agents VALUES (7, 'batch@example.com')");
                holding.countDown();
                while (!release.get()) {
                  Thread.sleep(10);
                }
                s.execute("COMMIT");
              } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    CutoverOptions shortLock = quick().withLockTimeout(Duration.ofMillis(300));
    try {
      assertThatThrownBy(() -> m.cutover(shortLock))
          .hasMessageContaining("held SQLite's write lock for longer than --lock-timeout 300ms")
          .hasMessageContaining("nothing changed");
    } finally {
      release.set(true);
      app.get(10, TimeUnit.SECONDS);
    }
    sqlite(db, "INSERT INTO agents VALUES (8, 'after@example.com')");
    assertThat(m.syncStatus().phase()).isEqualTo(SyncStatus.Phase.STOPPED);
    assertThat(m.syncStatus().cutover()).isEmpty();
    assertThatThrownBy(() -> pgLong(url, "DELETE FROM agents RETURNING 1"))
        .hasMessageContaining("is not live yet");
    CutoverResult r = m.cutover(quick());
    assertThat(r.outcome()).isEqualTo(CutoverResult.Outcome.CUT_OVER);
    assertThat(pgLong(url, "SELECT count(*) FROM agents WHERE id IN (7, 8)")).isEqualTo(2);
  }

  /**
   * The moment between SQLite's fence and PostgreSQL's lifting (design 3.7 steps 5-6): a write the
   * application retries on PostgreSQL at once waits for the lifting instead of failing, and fails
   * as before when the cut-over gives up instead.
   */
  @Test
  void aWriteArrivingWhileTheFenceOpensWaitsForIt() throws Exception {
    String url = TestPostgres.newDatabase("cutover_opening");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("opening.db"));
    assertThat(migrator(db, url).syncStart().exitCode()).isZero();
    try (Connection tool = TestPostgres.connect(url)) {
      dev.sqlite2pg.sync.Fence.opening(tool, "public", true);
      CompletableFuture<Long> early =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return pgLong(url, "INSERT INTO agents VALUES (5, 'e@example.com') RETURNING id");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      assertThat(early).as("waiting in the fence").isNotDone();
      dev.sqlite2pg.sync.Fence.active(tool, "public", false);
      assertThat(early.get(10, TimeUnit.SECONDS)).isEqualTo(5);

      dev.sqlite2pg.sync.Fence.active(tool, "public", true);
      dev.sqlite2pg.sync.Fence.opening(tool, "public", true);
      CompletableFuture<Long> refused =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return pgLong(url, "INSERT INTO agents VALUES (6, 'f@example.com') RETURNING id");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      dev.sqlite2pg.sync.Fence.opening(tool, "public", false); // the cut-over gave up
      assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
          .hasMessageContaining("sqlite2pg: agents is not live yet");
    }
  }

  private static long lastChange(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(id) FROM sqlite2pg_changes")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Migrator migrator(Path db, String url) {
    return Migrator.configure().source(db).target(new JdbcTarget(url)).build();
  }

  private static void sqlite(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute(sql);
    }
  }

  private static long pgLong(String url, String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
