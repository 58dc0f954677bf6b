package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync status} and the HTTP endpoint (design 3.10) through every phase a person watching a
 * migration sees: not started, following and caught up, stopped with changes piling up (lag grows,
 * the status says unhealthy), following again. Numbers are checked against what the databases hold,
 * not against themselves.
 */
@NeedsServer
class SyncStatusTest {

  @TempDir Path dir;

  private static final String NOTES =
      """
      -- A notes app whose users keep typing during the move: one keyed table, one WITHOUT ROWID.
      CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, at TEXT);
      CREATE TABLE labels (name TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
      INSERT INTO notes VALUES (1, 'first', '2024-05-01 09:00:00');
      INSERT INTO labels VALUES ('work', 1);
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void statusFollowsEveryPhaseAndTheEndpointServesIt() throws Exception {
    String url = TestPostgres.newDatabase("sync_status");
    Path db = Fixtures.buildFromSql(NOTES, dir.resolve("notes.db"));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();

    assertThat(m.syncStatus().phase()).isEqualTo(SyncStatus.Phase.NOT_STARTED);
    assertThat(m.syncStatus().exitCode(Duration.ofSeconds(1))).isEqualTo(SyncStatus.UNHEALTHY);

    assertThat(m.syncStart().exitCode()).isZero();
    write(db, 1, 40);
    SyncStatus stopped = m.syncStatus();
    assertThat(stopped.phase()).isEqualTo(SyncStatus.Phase.STOPPED);
    assertThat(stopped.pendingChanges()).isEqualTo(40 + 20); // 40 inserts, 20 label updates
    assertThat(stopped.capturedId() - stopped.appliedId()).isEqualTo(60);
    assertThat(stopped.tables())
        .extracting(SyncStatus.Table::name, SyncStatus.Table::pendingChanges)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("labels", 20L),
            org.assertj.core.groups.Tuple.tuple("notes", 40L));
    assertThat(stopped.problem(Duration.ofSeconds(1))).contains("run sqlite2pg sync run");

    int port = freePort();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = follow(m, stop, port);
    try {
      SyncStatus caughtUp = waitFor(m::syncStatus, s -> s.pendingChanges() == 0, running);
      assertThat(caughtUp.phase()).isEqualTo(SyncStatus.Phase.FOLLOWING);
      assertThat(caughtUp.follower()).isPresent();
      assertThat(caughtUp.appliedId()).isEqualTo(stopped.capturedId());
      assertThat(caughtUp.lag()).isEqualTo(Duration.ZERO);
      assertThat(caughtUp.tables())
          .extracting(SyncStatus.Table::name, SyncStatus.Table::appliedChanges)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("labels", 20L),
              org.assertj.core.groups.Tuple.tuple("notes", 40L));

      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> health = get(base + "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      Map<String, String> json = fields(get(base + "/status").body());
      assertThat(json)
          .containsEntry("phase", "following")
          .containsEntry("healthy", "true")
          .containsEntry("pending_changes", "0")
          .containsEntry("applied_change_id", Long.toString(stopped.capturedId()));
      HttpResponse<String> metrics = get(base + "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/plain; version=0.0.4");
      assertThat(metrics.body())
          .contains("sqlite2pg_sync_phase{phase=\"following\"} 1\n")
          .contains("sqlite2pg_sync_phase{phase=\"stopped\"} 0\n")
          .contains("sqlite2pg_sync_lag_seconds{direction=\"forward\"} 0\n")
          .contains("sqlite2pg_sync_pending_changes{direction=\"forward\"} 0\n")
          .contains("sqlite2pg_sync_applied_change_id " + stopped.capturedId() + "\n")
          .contains(
              "sqlite2pg_sync_applied_changes_total{direction=\"forward\",table=\"notes\"} 40\n")
          .contains("sqlite2pg_sync_table_paused{table=\"labels\"} 0\n")
          .containsPattern("sqlite2pg_sync_apply_batch_seconds_count [1-9]")
          .contains("sqlite2pg_sync_errors_total{kind=\"postgresql\"} 0\n");
      assertThat(get(base + "/").body()).contains("<title>sqlite2pg sync</title>");
      assertThat(get(base + "/nothing").statusCode()).isEqualTo(404);

      CliRun cli = CliRun.run("sync", "status", "-q", db.toString(), url, "--max-lag", "5s");
      assertThat(cli.exitCode()).as(cli.out()).isZero();
      assertThat(cli.out())
          .contains("phase            following (server process")
          .contains("pending changes  0")
          .containsPattern("notes +key +40 +0")
          .contains("HEALTHY: following");

      write(db, 41, 10);
      SyncStatus again = waitFor(m::syncStatus, s -> s.appliedId() == s.capturedId(), running);
      assertThat(again.tables())
          .extracting(SyncStatus.Table::appliedChanges)
          .containsExactly(25L, 50L);
    } finally {
      stop.set(true);
      running.get(30, TimeUnit.SECONDS);
    }
    assertThat(m.syncStatus().phase())
        .as("the lock went with the loop")
        .isEqualTo(SyncStatus.Phase.STOPPED);

    write(db, 51, 2);
    Thread.sleep(1_100);
    CliRun lagging = CliRun.run("sync", "status", "-q", "--json", db.toString(), url);
    assertThat(lagging.exitCode()).isEqualTo(SyncStatus.UNHEALTHY);
    Map<String, String> json = fields(lagging.out());
    assertThat(json).containsEntry("phase", "stopped").containsEntry("pending_changes", "3");
    assertThat(Double.parseDouble(json.get("lag_seconds"))).isGreaterThanOrEqualTo(1.0);
  }

  /**
   * Design 4.3 #4, PostgreSQL lost mid-apply: every connection of the follower is terminated (as a
   * server restart or a failover does, SQLSTATE 57P01); it waits, reconnects, takes its lock again
   * and applies what was written meanwhile, counting the error.
   */
  @Test
  void aFollowerOutlivesItsConnectionsBeingTerminated() throws Exception {
    String url = TestPostgres.newDatabase("sync_lost");
    Path db = Fixtures.buildFromSql(NOTES, dir.resolve("lost.db"));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    assertThat(m.syncStart().exitCode()).isZero();
    int port = freePort();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = follow(m, stop, port);
    try {
      write(db, 1, 10);
      waitFor(m::syncStatus, s -> s.pendingChanges() == 0, running);
      try (Connection pg = DriverManager.getConnection(url);
          Statement s = pg.createStatement()) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
      }
      write(db, 11, 10);
      SyncStatus after = waitFor(m::syncStatus, s -> s.pendingChanges() == 0, running);
      assertThat(after.appliedId()).isEqualTo(after.capturedId());
      assertThat(get("http://127.0.0.1:" + port + "/metrics").body())
          .containsPattern("sqlite2pg_sync_errors_total\\{kind=\"postgresql\"\\} [1-9]");
    } finally {
      stop.set(true);
      running.get(30, TimeUnit.SECONDS);
    }
    VerifyResult v = m.verify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
    long last = m.syncStatus().capturedId();
    assertThat(v.sync())
        .as("verify says which moment it compared, and that PostgreSQL was at it")
        .hasValue(new SyncPosition(last, last));
    CliRun cli = CliRun.run("verify", "-q", db.toString(), url);
    assertThat(cli.out())
        .contains(
            "sync: the snapshot holds the changes up to "
                + last
                + ", and PostgreSQL had applied exactly those.");
    write(db, 100, 1); // one change not applied: the verdict says what a difference may be
    CliRun behind = CliRun.run("verify", "-q", db.toString(), url);
    assertThat(behind.exitCode()).isEqualTo(6);
    assertThat(behind.out())
        .contains("PostgreSQL had applied up to " + last + ": a difference may be a change");
  }

  /** sync run in the background, serving HTTP on {@code port}, healthy within 5 s of lag. */
  private static CompletableFuture<Long> follow(Migrator m, AtomicBoolean stop, int port) {
    SyncServe serve =
        new SyncServe(Optional.of(new InetSocketAddress("127.0.0.1", port)), Duration.ofSeconds(5));
    return CompletableFuture.supplyAsync(() -> m.syncRun(stop::get, serve));
  }

  /** {@code n} notes from {@code from} on; every second one also updates the label. */
  private static void write(Path db, int from, int n) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (int i = from; i < from + n; i++) {
        s.execute("INSERT INTO notes VALUES (" + (i + 1) + ", 'note " + i + "', '2024-05-02')");
        if (i % 2 == 0) {
          s.execute("UPDATE labels SET n = n + 1 WHERE name = 'work'");
        }
      }
    }
  }

  private static SyncStatus waitFor(
      Supplier<SyncStatus> status,
      java.util.function.Predicate<SyncStatus> done,
      CompletableFuture<Long> running)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      assertThat(running).as("the apply loop ended early").isNotDone();
      SyncStatus s = status.get();
      if (done.test(s) && s.phase() == SyncStatus.Phase.FOLLOWING) {
        return s;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("sync did not catch up: " + status.get());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The top-level scalar fields of a JSON object, as text. */
  private static Map<String, String> fields(String json) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t.isStructStart()) {
          p.skipChildren();
        } else {
          out.put(name, p.getText());
        }
      }
    }
    return out;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
