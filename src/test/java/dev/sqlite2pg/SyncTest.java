package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync end to end through the library (issue 12, the forward half so far): start (capture, copy
 * without foreign keys, boundary, fence), the application keeps writing while changes are applied,
 * the target catches up and verifies equal, and stop leaves the SQLite file's schema as it was and
 * PostgreSQL writable.
 */
@NeedsServer
class SyncTest {

  @TempDir Path dir;

  private static final String HELPDESK =
      """
      -- A helpdesk that keeps running during its move: tickets reference agents (an orphan
      -- ticket is normal, SQLite's writers do not enforce the key).
      CREATE TABLE agents (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL);
      CREATE TABLE tickets (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents(id),
        subject TEXT, opened_at TEXT);
      INSERT INTO agents VALUES (1, 'a@example.com'), (2, 'b@example.com');
      INSERT INTO tickets VALUES (1, 1, 'printer', '2024-05-01 09:00:00'),
        (2, 9, 'orphan', '2024-05-01 09:05:00');
      """;

  @Test
  void changesMadeWhileSyncRunsArriveAndStopLeavesNoTrace() throws Exception {
    String url = TestPostgres.newDatabase("sync_e2e");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("helpdesk.db"));
    String schemaBefore = schema(db);
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();

    MigrationResult started = m.syncStart();
    assertThat(started.exitCode()).as(started.toString()).isZero();
    assertThat(
            single(
                url,
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                    + " AND connamespace = 'public'::regnamespace"))
        .as("foreign keys wait for cut-over")
        .isZero();
    assertThatThrownBy(() -> exec(url, "DELETE FROM tickets"))
        .hasMessageContaining("sqlite2pg: tickets is not live yet");

    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = app.createStatement()) {
      for (int i = 3; i < 300; i++) {
        s.execute(
            "INSERT INTO tickets VALUES ("
                + i
                + ", "
                + (1 + i % 3)
                + ", 'ticket "
                + i
                + "', '2024-05-02 10:00:00')");
        if (i % 7 == 0) {
          s.execute("DELETE FROM tickets WHERE id = " + (i - 5));
        }
        if (i % 11 == 0) {
          s.execute("UPDATE agents SET email = 'x" + i + "@example.com' WHERE id = 2");
        }
      }
    }
    long last = lastChange(db);
    while (single(url, "SELECT applied FROM sqlite2pg.sync_state") < last) {
      assertThat(running).as("the apply loop ended early").isNotDone();
      TimeUnit.MILLISECONDS.sleep(50);
    }
    stop.set(true);
    assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(last);

    VerifyResult v = m.verify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
    assertThat(IndependentCompare.differences(db, "tickets", "id", url, "tickets", "id")).isEmpty();

    m.syncStop();
    assertThat(schema(db)).isEqualTo(schemaBefore);
    exec(url, "INSERT INTO agents VALUES (3, 'c@example.com')");
  }

  @Test
  void aCopyThatIsRefusedLeavesTheSqliteFileAsItWas() throws Exception {
    String url = TestPostgres.newDatabase("sync_refused");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("refused.db"));
    exec(
        url,
        "CREATE TABLE agents (id bigint PRIMARY KEY, email text); INSERT INTO agents VALUES (1, 'z')");
    String schemaBefore = schema(db);
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();

    assertThatThrownBy(m::syncStart).hasMessageContaining("agents: 1 of 2 source keys already");

    assertThat(schema(db)).as("capture removed again").isEqualTo(schemaBefore);
  }

  /**
   * sync verify (design 3.6) while the application keeps writing and no follower runs: PostgreSQL
   * is brought to the snapshot's change and compared with that snapshot; the result is recorded. A
   * row changed behind sync's back in PostgreSQL makes it DIFFERENT, recorded too; a running
   * follower makes it wait its turn (the run lock).
   */
  @Test
  void syncVerifyComparesAtOneRecordedChange() throws Exception {
    String url = TestPostgres.newDatabase("sync_verify");
    Path db = Fixtures.buildFromSql(HELPDESK, dir.resolve("verify.db"));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    assertThat(m.syncStart().exitCode()).isZero();
    try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = app.createStatement()) {
      for (int i = 3; i < 60; i++) {
        s.execute("INSERT INTO tickets VALUES (" + i + ", 1, 'ticket " + i + "', '2024-05-03')");
      }
      s.execute("UPDATE agents SET email = 'b2@example.com' WHERE id = 2");
    }
    long last = lastChange(db);

    VerifyResult v = m.syncVerify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
    assertThat(v.sync()).hasValue(new SyncPosition(last, last));
    assertThat(single(url, "SELECT applied FROM sqlite2pg.sync_state")).isEqualTo(last);
    assertThat(
            single(
                url,
                "SELECT count(*) FROM sqlite2pg.sync_state WHERE verified_equal"
                    + " AND verified_position = "
                    + last))
        .isEqualTo(1);

    exec(
        url,
        "BEGIN; SELECT set_config('sqlite2pg.applying', 'on', true);"
            + " UPDATE tickets SET subject = 'changed behind sync' WHERE id = 7; COMMIT");
    VerifyResult tampered = m.syncVerify();
    assertThat(tampered.exitCode()).isEqualTo(6);
    assertThat(single(url, "SELECT count(*) FROM sqlite2pg.sync_state WHERE NOT verified_equal"))
        .isEqualTo(1);
    assertThat(m.syncStatus().lastVerify())
        .hasValueSatisfying(
            r -> {
              assertThat(r.equal()).isFalse();
              assertThat(r.changeId()).isEqualTo(last);
            });
    assertThat(CliRun.run("sync", "status", "-q", db.toString(), url).out())
        .contains("last verify      DIFFERENT at change " + last);

    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    try {
      while (single(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == 0) {
        assertThat(running).isNotDone();
        TimeUnit.MILLISECONDS.sleep(20);
      }
      assertThatThrownBy(m::syncVerify).hasMessageContaining("another sqlite2pg run");
    } finally {
      stop.set(true);
      running.get(30, TimeUnit.SECONDS);
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

  private static String schema(Path db) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_schema ORDER BY name")) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('|').append(rs.getString(2)).append('|');
        out.append(rs.getString(3)).append('\n');
      }
    }
    return out.toString();
  }

  private static void exec(String url, String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long single(String url, String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
