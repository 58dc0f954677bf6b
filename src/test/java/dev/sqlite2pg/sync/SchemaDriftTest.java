package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.run.CatalogStep;
import dev.sqlite2pg.run.LoadMode;
import dev.sqlite2pg.run.PlanStep;
import dev.sqlite2pg.run.RunContext;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema drills during sync (design 3.5; 4.4 #6-#9): the application changes its SQLite schema
 * while it writes and sync runs; each change is noticed within one batch, and PostgreSQL ends
 * verified equal to SQLite, through a re-sync or through a pause that says what to do and a re-sync
 * once that is done. Most drills drive the loop one batch at a time, as {@code SyncSteps.apply}
 * does, so that writes land exactly between a schema change and the batch that notices it; the ADD
 * COLUMN drill runs the real {@code sync run}.
 */
@NeedsServer
class SchemaDriftTest {

  @TempDir Path dir;

  private static final String SHOP =
      """
      -- An order system moving while it runs: orders keyed by id with a UNIQUE reference (so
      -- capture also has BEFORE triggers on it), and customers, which keep changing while the
      -- orders table's schema drifts under a migration tool.
      CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, ref TEXT UNIQUE NOT NULL,
        customer_id INTEGER, total REAL);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
      INSERT INTO customers SELECT i, 'Customer ' || i FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
      INSERT INTO orders SELECT i, 'R-' || i, 1 + i % 100, i * 1.25 FROM n;
      """;

  /** 4.4 #6: Alembic's batch mode drops the capture triggers with the table it replaces (M8). */
  @Test
  void anAlembicBatchRebuildIsReinstalledAndResynced() throws Exception {
    try (Loop sync = new Loop("drift_rebuild")) {
      writes(sync.db, 1000, 40);
      sync.drain();
      app(
          sync.db,
          // op.batch_alter_table("orders") adding a CHECK: create, copy, drop, rename.
          "BEGIN",
          "CREATE TABLE _alembic_tmp_orders (id INTEGER PRIMARY KEY, ref TEXT UNIQUE NOT NULL,"
              + " customer_id INTEGER, total REAL CHECK (total >= 0))",
          "INSERT INTO _alembic_tmp_orders SELECT id, ref, customer_id, total FROM orders",
          "DROP TABLE orders",
          "ALTER TABLE _alembic_tmp_orders RENAME TO orders",
          "COMMIT");
      assertThat(captureTriggers(sync.db, "orders")).as("the rebuild took them (M8)").isZero();
      // Between the rebuild and the next batch: nothing captures these.
      app(
          sync.db,
          "INSERT INTO orders VALUES (5000, 'R-gap', 7, 99.5)",
          "UPDATE orders SET total = 0 WHERE id = 10",
          "DELETE FROM orders WHERE id = 11",
          "UPDATE customers SET name = 'renamed in the gap' WHERE id = 3");
      sync.drain();
      assertThat(captureTriggers(sync.db, "orders")).as("reinstalled").isEqualTo(5);
      writes(sync.db, 2000, 40); // captured again
      app(sync.db, "REPLACE INTO orders VALUES (6000, 'R-12', 1, 1)"); // a REPLACE victim: 12
      sync.drain();
      assertThat(sync.paused()).isEmpty();
      assertThat(sync.resyncedAt("orders")).as("orders was re-synced").isTrue();
      assertThat(sync.resyncedAt("customers")).as("customers needed none").isFalse();
      sync.assertEqual("orders", "customers");
      assertThat(sync.pgLong("SELECT count(*) FROM orders WHERE id = 5000 OR id = 11 OR id = 12"))
          .as("the gap's insert arrived, its delete and the REPLACE victim went")
          .isEqualTo(1);
    }
  }

  /**
   * Alembic runs a batch migration on SQLite without a transaction around it (its SQLite dialect
   * has no transactional DDL), so a batch can see orders dropped and its copy not yet renamed: the
   * table is paused, and re-synced as soon as the rename brings it back.
   */
  @Test
  void anAlembicBatchSeenHalfWayIsResyncedOnceComplete() throws Exception {
    try (Loop sync = new Loop("drift_halfway")) {
      writes(sync.db, 1000, 40);
      sync.drain();
      app(
          sync.db,
          "CREATE TABLE _alembic_tmp_orders (id INTEGER PRIMARY KEY, ref TEXT UNIQUE NOT NULL,"
              + " customer_id INTEGER, total REAL)",
          "INSERT INTO _alembic_tmp_orders SELECT id, ref, customer_id, total FROM orders",
          "DROP TABLE orders");
      String log = stderr(sync::drain);
      assertThat(sync.paused()).containsOnlyKeys("orders");
      assertThat(log).doesNotContain("_alembic_tmp_orders was created");
      app(
          sync.db,
          "ALTER TABLE _alembic_tmp_orders RENAME TO orders",
          "INSERT INTO orders VALUES (5000, 'R-gap', 7, 99.5)");
      sync.drain();
      assertThat(sync.paused()).isEmpty();
      writes(sync.db, 2000, 20);
      sync.drain();
      sync.assertEqual("orders", "customers");
    }
  }

  /**
   * 4.4 #9: VACUUM moves schema_version with the same schema text (M5); no key is a bare rowid, so
   * nothing needs a re-sync.
   */
  @Test
  void aVacuumChangesNothingButTheVersion() throws Exception {
    try (Loop sync = new Loop("drift_vacuum")) {
      writes(sync.db, 1000, 60);
      app(sync.db, "DELETE FROM orders WHERE id % 3 = 0");
      long before = version(sync.db);
      app(sync.db, "VACUUM");
      assertThat(version(sync.db)).isGreaterThan(before);
      writes(sync.db, 2000, 60);
      sync.drain();
      assertThat(sync.paused()).isEmpty();
      assertThat(sync.resyncedAt("orders")).as("no re-sync for a VACUUM").isFalse();
      sync.assertEqual("orders", "customers");
    }
  }

  /**
   * 4.4 #7: ADD COLUMN, through the real {@code sync run}: orders is paused with the line that says
   * what to do while customers keeps following; once the column is added in PostgreSQL, the next
   * {@code sync run} re-syncs orders, new column included.
   */
  @Test
  void anAddedColumnPausesItsTableUntilPostgresHasIt() throws Exception {
    String url = TestPostgres.newDatabase("drift_add");
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("add.db"));
    Migrator m = started(url, db);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = run(m, stop::get);
    writes(db, 1000, 40);
    // Applied: the run has planned (a run that starts after the ALTER: the next test).
    caughtUp(url, db, running);
    app(
        db,
        "ALTER TABLE orders ADD COLUMN note TEXT",
        "INSERT INTO orders VALUES (7000, 'R-noted', 5, 10.0, 'gift wrap')",
        "UPDATE orders SET note = 'urgent' WHERE id = 250");
    writes(db, 2000, 40);
    String why =
        "column note added in SQLite (ALTER TABLE ADD COLUMN); its changes are paused: add the"
            + " column in PostgreSQL (ALTER TABLE \"public\".\"orders\" ADD COLUMN note text) and"
            + " run sqlite2pg sync run, or sqlite2pg sync stop";
    while (paused(url).isEmpty()) {
      assertThat(running).as("the apply loop ended early").isNotDone();
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(paused(url)).containsExactly(Map.entry("orders", why));
    app(db, "INSERT INTO orders VALUES (7001, 'R-paused', 5, 10.0, 'while paused')");
    writes(db, 3000, 20);
    caughtUp(url, db, running);
    assertThat(IndependentCompare.differences(db, "customers", "id", url, "customers", "id"))
        .as("customers kept following")
        .isEmpty();
    assertThat(pgLong(url, "SELECT count(*) FROM orders WHERE id = 7001"))
        .as("orders' changes wait")
        .isZero();
    stop.set(true);
    running.get(60, TimeUnit.SECONDS);
    addNoteInPostgresThenFollow(url, db, m, 4000);
    assertThat(IndependentCompare.differences(db, "orders", "id", url, "orders", "id")).isEmpty();
    assertThat(
            pgLong(
                url,
                "SELECT count(*) FROM orders WHERE note = 'urgent' AND id = 250"
                    + " OR note = 'gift wrap' AND id = 7000 OR note = 'while paused'"))
        .as("the column's values arrived with the re-sync")
        .isEqualTo(3);
  }

  /**
   * The same ALTER while no sync runs (stopped for the night, or crashed): the next sync run plans
   * the tables that fit, pauses orders with why, and follows the others; once PostgreSQL has the
   * column, the run after re-syncs orders.
   */
  @Test
  void aColumnAddedWhileStoppedPausesItsTableAtTheNextRun() throws Exception {
    String url = TestPostgres.newDatabase("drift_add_stopped");
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("add-stopped.db"));
    Migrator m = started(url, db);
    app(
        db,
        "ALTER TABLE orders ADD COLUMN note TEXT",
        "INSERT INTO orders VALUES (7000, 'R-noted', 5, 10.0, 'gift wrap')");
    writes(db, 1000, 40);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = run(m, stop::get);
    caughtUp(url, db, running);
    assertThat(paused(url)).containsOnlyKeys("orders");
    assertThat(paused(url).get("orders"))
        .contains("source column orders.note has no column in orders")
        .contains("run sqlite2pg sync run again");
    assertThat(IndependentCompare.differences(db, "customers", "id", url, "customers", "id"))
        .as("customers kept following")
        .isEmpty();
    stop.set(true);
    running.get(60, TimeUnit.SECONDS);
    addNoteInPostgresThenFollow(url, db, m, 2000);
  }

  /**
   * The operator's fix for a paused orders: the column added in PostgreSQL, then sync run, which
   * re-syncs orders and follows it again, equal.
   */
  private void addNoteInPostgresThenFollow(String url, Path db, Migrator m, int from)
      throws Exception {
    exec(url, "ALTER TABLE \"public\".\"orders\" ADD COLUMN note text");
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = run(m, stop::get);
    writes(db, from, 20);
    caughtUp(url, db, running);
    assertThat(paused(url)).isEmpty();
    stop.set(true);
    running.get(60, TimeUnit.SECONDS);
    VerifyResult v = m.verify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
  }

  /** A table created during sync is reported once; the others keep following. */
  @Test
  void aNewTableIsReportedAndTheOthersKeepFollowing() throws Exception {
    try (Loop sync = new Loop("drift_new")) {
      app(
          sync.db,
          "CREATE TABLE coupons (code TEXT PRIMARY KEY, percent INTEGER)",
          "INSERT INTO coupons VALUES ('SPRING', 10)");
      writes(sync.db, 1000, 40);
      String log = stderr(sync::drain);
      assertThat(log)
          .contains(
              "sync: table coupons was created in SQLite during sync; it is not followed: its rows"
                  + " stay in SQLite only");
      writes(sync.db, 2000, 40);
      assertThat(stderr(sync::drain)).as("reported once").doesNotContain("coupons");
      assertThat(sync.paused()).isEmpty();
      VerifyResult v = sync.migrator.verify();
      assertThat(v.tables())
          .filteredOn(t -> !t.equal())
          .extracting(dev.sqlite2pg.TableCheck::problem)
          .containsExactly("MISSING: no table coupons in the target");
      for (String t : List.of("orders", "customers")) {
        assertThat(IndependentCompare.differences(sync.db, t, "id", sync.url, t, "id")).isEmpty();
      }
    }
  }

  /**
   * 4.4 #7 and #8: DROP COLUMN of a column capture does not read succeeds in the application and
   * pauses the table; once PostgreSQL drops it too, a new {@code sync run} re-syncs it.
   */
  @Test
  void aDroppedColumnPausesItsTableUntilPostgresDropsItToo() throws Exception {
    try (Loop sync = new Loop("drift_drop")) {
      writes(sync.db, 1000, 40);
      app(
          sync.db,
          "ALTER TABLE orders DROP COLUMN total",
          "INSERT INTO orders VALUES (8000, 'R-no-total', 4)");
      writes(sync.db, 2000, 40);
      sync.drain();
      assertThat(sync.paused())
          .containsExactly(
              Map.entry(
                  "orders",
                  "column total dropped in SQLite (ALTER TABLE DROP COLUMN); its changes are"
                      + " paused: drop it in PostgreSQL too (ALTER TABLE \"public\".\"orders\""
                      + " DROP COLUMN \"total\") and run sqlite2pg sync run, or sqlite2pg sync"
                      + " stop"));
      assertThat(sync.pgLong("SELECT count(*) FROM orders WHERE id = 8000")).isZero();
      assertThat(
              IndependentCompare.differences(
                  sync.db, "customers", "id", sync.url, "customers", "id"))
          .isEmpty();

      sync.pgExec("ALTER TABLE \"public\".\"orders\" DROP COLUMN \"total\"");
      sync.restart(); // sync run again: a fresh plan, the paused table re-synced first
      writes(sync.db, 3000, 20);
      sync.drain();
      assertThat(sync.paused()).isEmpty();
      sync.assertEqual("orders", "customers");
    }
  }

  /**
   * RENAME TABLE and DROP TABLE: both tables are paused, saying why (a renamed table is not taken
   * for a new one); renamed back, the table is re-synced by the next {@code sync run}.
   */
  @Test
  void aRenamedOrDroppedTableIsPaused() throws Exception {
    try (Loop sync = new Loop("drift_rename")) {
      writes(sync.db, 1000, 40);
      sync.drain();
      app(
          sync.db,
          "ALTER TABLE orders RENAME TO purchases",
          "INSERT INTO purchases VALUES (9000, 'R-renamed', 1, 2.5)",
          "DROP TABLE customers");
      String log = stderr(sync::drain);
      assertThat(sync.paused())
          .containsOnlyKeys("orders", "customers")
          .hasEntrySatisfying(
              "orders",
              why ->
                  assertThat(why)
                      .startsWith(
                          "renamed to purchases in SQLite (ALTER TABLE RENAME TO); its changes are"
                              + " paused"))
          .hasEntrySatisfying(
              "customers",
              why -> assertThat(why).startsWith("dropped in SQLite (DROP TABLE); its changes are"));
      assertThat(log).doesNotContain("purchases was created");

      app(sync.db, "ALTER TABLE purchases RENAME TO orders");
      sync.restart();
      sync.drain();
      assertThat(sync.paused()).containsOnlyKeys("customers");
      assertThat(IndependentCompare.differences(sync.db, "orders", "id", sync.url, "orders", "id"))
          .isEmpty();
      assertThat(sync.pgLong("SELECT count(*) FROM orders WHERE id = 9000")).isEqualTo(1);
    }
  }

  /**
   * 4.4 #8: dropping a column capture reads (the key, or a UNIQUE column its BEFORE triggers
   * compare) fails in the application, and the data stays as it was: the README's "freeze schema
   * migrations during sync". SQLite refuses these before it looks at triggers ("cannot drop PRIMARY
   * KEY column", "cannot drop UNIQUE column"; a column of an expression index fails on the index):
   * capture reads no other column, so it adds no failure of its own (M8's trigger error needs a
   * trigger that reads a plain column).
   */
  @Test
  void droppingACapturedKeyColumnFailsInTheApplication() throws Exception {
    try (Loop sync = new Loop("drift_key")) {
      writes(sync.db, 1000, 20);
      long orders = count(sync.db, "orders");
      for (String column : List.of("id", "ref")) {
        assertThatThrownBy(() -> app(sync.db, "ALTER TABLE orders DROP COLUMN " + column))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("cannot drop");
      }
      assertThat(count(sync.db, "orders")).isEqualTo(orders);
      assertThat(captureTriggers(sync.db, "orders")).isEqualTo(5);
      writes(sync.db, 2000, 20);
      sync.drain();
      assertThat(sync.paused()).isEmpty();
      sync.assertEqual("orders", "customers");
    }
  }

  /** sync start on the shop, then the apply loop one batch at a time, as SyncSteps.apply. */
  private final class Loop implements AutoCloseable {
    final String url;
    final Path db;
    final Migrator migrator;
    Connection sqlite;
    Connection pg;
    Apply apply;
    SchemaWatch watch;
    long applied;

    Loop(String name) throws Exception {
      url = TestPostgres.newDatabase(name);
      db = Fixtures.buildFromSql(SHOP, dir.resolve(name + ".db"));
      migrator = started(url, db);
      open();
    }

    private void open() throws Exception {
      sqlite = Capture.writable(db);
      pg = TestPostgres.connect(url);
      Plan plan = plan(migrator, url, db);
      List<CaptureKey> keys = SchemaWatch.captured(sqlite, new CatalogReader(sqlite).read());
      apply = new Apply("public", true, keys, plan.tables());
      watch = new SchemaWatch("public", true, keys, plan.tables());
      applied = apply.applied(pg).orElseThrow();
    }

    /** Batches (small ones, so the loop turns) until the changelog has nothing new. */
    void drain() {
      try {
        while (true) {
          Apply.Batch b = watch.batch(apply, sqlite, pg, applied, 37);
          applied = b.applied();
          if (b.changes() == 0) {
            return;
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    /** As a new {@code sync run}: new connections, a fresh plan fitted to the target. */
    void restart() throws Exception {
      close();
      open();
    }

    Map<String, String> paused() throws SQLException {
      return new SyncState("public").paused(pg);
    }

    boolean resyncedAt(String table) throws SQLException {
      return pgLong(
              "SELECT count(*) FROM sqlite2pg.sync_tables WHERE resynced_at IS NOT NULL"
                  + " AND source_table = '"
                  + table
                  + "'")
          > 0;
    }

    long pgLong(String sql) throws SQLException {
      return SchemaDriftTest.pgLong(url, sql);
    }

    void pgExec(String sql) throws SQLException {
      exec(url, sql);
    }

    void assertEqual(String... tables) throws Exception {
      VerifyResult v = migrator.verify();
      assertThat(v.exitCode()).as(v.toString()).isZero();
      for (String t : tables) {
        assertThat(IndependentCompare.differences(db, t, "id", url, t, "id")).as(t).isEmpty();
      }
    }

    @Override
    public void close() throws SQLException {
      sqlite.close();
      pg.close();
    }
  }

  private static Migrator started(String url, Path db) {
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    MigrationResult r = m.syncStart();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return m;
  }

  private static Map<String, String> paused(String url) throws SQLException {
    try (Connection pg = TestPostgres.connect(url)) {
      return new SyncState("public").paused(pg);
    }
  }

  private static CompletableFuture<Long> run(Migrator m, BooleanSupplier stop) {
    return CompletableFuture.supplyAsync(() -> m.syncRun(stop));
  }

  /** Waits until the target has applied every change captured so far. */
  private static void caughtUp(String url, Path db, CompletableFuture<Long> running)
      throws Exception {
    long last = sqliteLong(db, "SELECT max(id) FROM sqlite2pg_changes");
    while (pgLong(url, "SELECT applied FROM sqlite2pg.sync_state") < last) {
      if (running.isDone()) {
        running.get(); // its failure, as the test's
        throw new AssertionError("the apply loop ended early");
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** The application's writes to both tables: inserts, updates, deletes, a REPLACE. */
  private static void writes(Path db, int base, int n) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (int i = 0; i < n; i++) {
        int id = base + i;
        s.execute(
            "INSERT INTO orders (id, ref, customer_id) VALUES (" + id + ", 'R-" + id + "', 2)");
        s.execute("UPDATE customers SET name = 'Customer " + id + "' WHERE id = " + (1 + i % 90));
        if (i % 5 == 0) {
          s.execute("DELETE FROM orders WHERE id = " + (base / 100 + i));
        }
        if (i % 7 == 0) {
          s.execute("INSERT OR REPLACE INTO customers VALUES (" + (500 + i) + ", 'new')");
        }
      }
    }
  }

  private static void app(Path db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static long captureTriggers(Path db, String table) throws SQLException {
    return sqliteLong(
        db,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sqlite2pg%'"
            + " AND tbl_name = '"
            + table
            + "'");
  }

  private static long version(Path db) throws SQLException {
    return sqliteLong(db, "PRAGMA schema_version");
  }

  private static long count(Path db, String table) throws SQLException {
    return sqliteLong(db, "SELECT count(*) FROM " + table);
  }

  private static long sqliteLong(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
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

  private static void exec(String url, String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** What {@code work} logs (slf4j-simple writes to System.err as it is at each call). */
  private static String stderr(Runnable work) {
    PrintStream was = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(was);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    was.print(text);
    return text;
  }

  /** The plan a sync run uses: the source's tables fitted to the target's. */
  private static Plan plan(Migrator migrator, String url, Path db) {
    SqliteSource source = SqliteSource.open(db);
    RunContext run =
        new RunContext(
            migrator.options(),
            new JdbcTarget(url),
            new LoadMode.DataOnly(LoadMode.Existing.REFUSE),
            List.of(),
            MappingConfig.EMPTY);
    return PlanStep.run(run, source, CatalogStep.run(run, source), false);
  }
}
