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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback} through the library (issue 14; design 3.8): after a cut-over the application
 * writes to PostgreSQL (inserts with PostgreSQL's ids, updates of rows from before the cut-over,
 * deletes, a TRUNCATE, a keyless table); rollback brings every one of those writes into SQLite in
 * the shape the application wrote its values, SQLite takes writes again and PostgreSQL refuses
 * them, forward sync follows again, and a second cut-over verifies equal.
 */
@NeedsServer
class RollbackTest {

  @TempDir Path dir;

  private static final String SHOP =
      """
      -- A Django shop moving to PostgreSQL and back: Django writes datetimes as
      -- '2024-05-01 10:00:00.123456', booleans as 0/1, JSONField as text; the ref is a UUID as
      -- Django stores it on SQLite (32 hex digits); totals are REAL even when whole; the audit
      -- log has no key; tags are text keys. (The ref stays text in PostgreSQL: a text column's
      -- values come back as the application wrote them there.) AUTOINCREMENT ids are never given out twice.
      CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT NOT NULL,
        placed_at DATETIME NOT NULL, paid BOOL NOT NULL, total REAL, meta JSON, ref UUID);
      CREATE TABLE audit (what TEXT, at INTEGER);
      CREATE TABLE tags (name TEXT PRIMARY KEY, n INTEGER);
      INSERT INTO orders (customer, placed_at, paid, total, meta, ref) VALUES
        ('ann', '2024-05-01 10:00:00.123456', 1, 12.0, '{"gift": true}',
         '4f1d2c9e8b7a41e3a0c5d6f7e8a9b0c1'),
        ('bob', '2024-05-02 11:30:00.000000', 0, 7.5, '{}', '0a1b2c3d4e5f40718293a4b5c6d7e8f9');
      INSERT INTO audit VALUES ('created', 1714557600000);
      INSERT INTO tags VALUES ('new', 1), ('sale', 2);
      """;

  @Test
  void everyWriteMadeOnPostgresqlComesBackInItsShape() throws Exception {
    Shop shop = cutOver("rollback_drill", "shop.db");
    String url = shop.url();
    Path db = shop.db();
    Migrator m = shop.m();

    pg(
        url,
        "INSERT INTO orders (customer, placed_at, paid, total, meta, ref) VALUES ('cat',"
            + " '2024-06-01 09:15:30.5+00', true, 3, '{\"rush\": 1}',"
            + " 'f47ac10b-58cc-4372-a567-0e02b2c3d479')",
        "UPDATE orders SET paid = true, total = 8 WHERE customer = 'bob'",
        "DELETE FROM orders WHERE customer = 'ann'",
        "INSERT INTO audit VALUES ('paid', 1717233330500)",
        "TRUNCATE tags",
        "INSERT INTO tags VALUES ('summer', 3)");

    RollbackResult r = m.rollback(RollbackOptions.defaults());

    assertThat(r.outcome()).as(r.toString()).isEqualTo(RollbackResult.Outcome.ROLLED_BACK);
    assertThat(r.changes()).isPositive();
    assertThat(m.verify().equal()).as("SQLite equals PostgreSQL").isTrue();
    assertThat(
            sqliteRows(
                db,
                "SELECT customer, typeof(placed_at), placed_at, typeof(paid), paid, typeof(total),"
                    + " total, meta, ref FROM orders ORDER BY id"))
        .containsExactly(
            "bob|text|2024-05-02 11:30:00.000000|integer|1|real|8.0|{}|0a1b2c3d4e5f40718293a4b5c6d7e8f9",
            "cat|text|2024-06-01 09:15:30.500000|integer|1|real|3.0|{\"rush\": 1}"
                + "|f47ac10b-58cc-4372-a567-0e02b2c3d479");
    assertThat(sqliteRows(db, "SELECT what, typeof(at), at FROM audit ORDER BY at"))
        .containsExactly("created|integer|1714557600000", "paid|integer|1717233330500");
    assertThat(sqliteRows(db, "SELECT name, n FROM tags")).containsExactly("summer|3");
    assertThat(sqliteRows(db, "SELECT seq >= 3 FROM sqlite_sequence WHERE name = 'orders'"))
        .containsExactly("1");

    // SQLite takes writes again; PostgreSQL refuses them.
    sqlite(db, "INSERT INTO tags VALUES ('back', 4)");
    assertThatThrownBy(() -> pg(url, "INSERT INTO tags VALUES ('late', 5)"))
        .hasMessageContaining("sqlite2pg:");
    assertThat(m.syncStatus().phase()).isEqualTo(SyncStatus.Phase.STOPPED);

    // Forward sync follows again, and a second cut-over verifies equal.
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Thread.sleep(1500);
    stop.set(true);
    following.get(30, TimeUnit.SECONDS);
    VerifyResult second = m.syncVerify();
    assertThat(second.equal()).as(second.toString()).isTrue();
    CutoverResult again =
        m.cutover(CutoverOptions.defaults().withLag(Duration.ofSeconds(60), Duration.ZERO));
    assertThat(again.exitCode()).as(again.toString()).isZero();
    pg(url, "INSERT INTO tags VALUES ('second', 6)");
  }

  /**
   * After a cut-over, sync run brings the application's PostgreSQL writes into the fenced SQLite
   * file as they come (design 3.8), so that a rollback has only a moment's changes left; sync
   * status counts what is pending, measured inside PostgreSQL.
   */
  @Test
  void syncRunAfterACutOverBringsTheWritesBackAsTheyCome() throws Exception {
    Shop shop = cutOver("rollback_follow", "follow.db");
    String url = shop.url();
    Path db = shop.db();
    Migrator m = shop.m();
    pg(url, "INSERT INTO tags VALUES ('while-stopped', 7)");
    assertThat(m.syncStatus().reversePending()).isEqualTo(1);

    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    try {
      for (int i = 0; i < 20; i++) {
        pg(url, "UPDATE tags SET n = n + 1 WHERE name = 'while-stopped'");
        Thread.sleep(20);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (m.syncStatus().reversePending() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(sqliteRows(db, "SELECT name, n FROM tags WHERE name = 'while-stopped'"))
          .containsExactly("while-stopped|27");
      assertThatThrownBy(() -> sqlite(db, "DELETE FROM tags"))
          .as("still fenced: the rows came through the fence")
          .hasMessageContaining("sqlite2pg:");
    } finally {
      stop.set(true);
      following.get(30, TimeUnit.SECONDS);
    }
    RollbackResult r = m.rollback(RollbackOptions.defaults());
    assertThat(r.changes()).as("nothing left to drain").isZero();
    assertThat(m.verify().equal()).isTrue();
  }

  /**
   * An application transaction on PostgreSQL holding its writes open past --lock-timeout (a batch
   * job mid-import): the rollback gives up and the application stays on PostgreSQL.
   */
  @Test
  void aWriterHoldingPostgresqlPastTheTimeoutLeavesEverythingAsItWas() throws Exception {
    Shop shop = cutOver("rollback_locked", "locked.db");
    String url = shop.url();
    Path db = shop.db();
    Migrator m = shop.m();
    try (Connection batch = TestPostgres.connect(url);
        Statement s = batch.createStatement()) {
      batch.setAutoCommit(false);
      s.execute("INSERT INTO tags VALUES ('importing', 1)");
      assertThatThrownBy(
              () -> m.rollback(RollbackOptions.defaults().withLockTimeout(Duration.ofMillis(300))))
          .hasMessageContaining("rollback not started, nothing changed")
          .hasMessageContaining("--lock-timeout 300ms");
      batch.commit();
    }
    assertThat(m.syncStatus().phase()).isEqualTo(SyncStatus.Phase.CUT_OVER);
    pg(url, "INSERT INTO tags VALUES ('after', 2)"); // PostgreSQL still takes the writes
    assertThatThrownBy(() -> sqlite(db, "DELETE FROM tags")).hasMessageContaining("sqlite2pg:");
    assertThat(m.rollback(RollbackOptions.defaults()).exitCode()).isZero();
    assertThat(sqliteRows(db, "SELECT name FROM tags WHERE name IN ('importing', 'after')"))
        .hasSize(2);
  }

  /**
   * A file with no AUTOINCREMENT table has no sqlite_sequence, so the changelog's ids are max(id) +
   * 1 (M9): after the rollback forgets the captures of its own writes, the application's next
   * change must still get an id past the one forward sync applied up to, or it would be skipped.
   */
  @Test
  void withoutAutoincrementForwardSyncSeesTheFirstWriteAfterTheRollback() throws Exception {
    String url = TestPostgres.newDatabase("rollback_no_sequence");
    Path db =
        Fixtures.buildFromSql(
            """
            -- A notes app with plain rowid keys: no AUTOINCREMENT, so no sqlite_sequence.
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
            INSERT INTO notes VALUES (1, 'first');
            """,
            dir.resolve("notes.db"));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    assertThat(m.syncStart().exitCode()).isZero();
    sqlite(db, "INSERT INTO notes VALUES (2, 'second')");
    assertThat(m.syncVerify().equal()).isTrue();
    assertThat(
            m.cutover(CutoverOptions.defaults().withLag(Duration.ofSeconds(60), Duration.ZERO))
                .exitCode())
        .isZero();
    pg(
        url,
        "INSERT INTO notes VALUES (3, 'on pg')",
        "UPDATE notes SET body = 'edited' WHERE id = 1");
    assertThat(m.rollback(RollbackOptions.defaults()).exitCode()).isZero();
    sqlite(db, "INSERT INTO notes VALUES (4, 'back on sqlite')");
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Thread.sleep(1500);
    stop.set(true);
    following.get(30, TimeUnit.SECONDS);
    VerifyResult v = m.syncVerify();
    assertThat(v.equal()).as(v.toString()).isTrue();
    assertThat(sqliteRows(db, "SELECT id, body FROM notes ORDER BY id"))
        .containsExactly("1|edited", "2|second", "3|on pg", "4|back on sqlite");
  }

  @Test
  void withoutACutOverNothingChanges() throws Exception {
    String url = TestPostgres.newDatabase("rollback_refused");
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("refused.db"));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    assertThat(m.syncStart().exitCode()).isZero();
    assertThatThrownBy(() -> m.rollback(RollbackOptions.defaults()))
        .hasMessageContaining("rollback not started, nothing changed")
        .hasMessageContaining("was not cut over");
    sqlite(db, "INSERT INTO tags VALUES ('still', 1)");
  }

  /** A shop database synced, verified and cut over. */
  private record Shop(String url, Path db, Migrator m) {}

  private Shop cutOver(String name, String file) throws Exception {
    String url = TestPostgres.newDatabase(name);
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve(file));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    assertThat(m.syncStart().exitCode()).isZero();
    assertThat(m.syncVerify().equal()).isTrue();
    CutoverResult cut =
        m.cutover(CutoverOptions.defaults().withLag(Duration.ofSeconds(60), Duration.ZERO));
    assertThat(cut.exitCode()).as(cut.toString()).isZero();
    return new Shop(url, db, m);
  }

  private static void pg(String url, String... statements) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static void sqlite(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> sqliteRows(Path db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(String.join("|", row));
      }
    }
    return out;
  }
}
