package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.Plan;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State-based apply (design 3.4) against a real workload: capture installed, the file migrated,
 * then the application writes (inserts, updates, key changes, deletes, REPLACE over a unique
 * column, a composite key, text keys) and the changes are applied in batches; the target then
 * verifies equal by the tool's own verify and by an independent comparison.
 */
@NeedsServer
class ApplyTest {

  @TempDir Path dir;

  private static final String SHOP =
      """
      -- A shop: a rowid key with a UNIQUE email, a WITHOUT ROWID table with a composite text
      -- key, and a table keyed by text.
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT, credit REAL);
      CREATE TABLE stock (sku TEXT, shop INTEGER, qty INTEGER, PRIMARY KEY (sku, shop))
        WITHOUT ROWID;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
      INSERT INTO customers SELECT i, 'c' || i || '@example.com', 'Customer ' || i, i * 0.5
        FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
      INSERT INTO stock SELECT 'SKU-' || (i % 10), i / 10, i FROM n;
      INSERT INTO settings VALUES ('locale', 'en'), ('theme', 'dark');
      """;

  @Test
  void aWorkloadAppliedInBatchesVerifiesEqual() throws Exception {
    String url = TestPostgres.newDatabase("sync_apply");
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("shop.db"));
    Captured captured = install(db);

    Migrator migrator = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    MigrationResult first = migrator.migrate();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    // The capture's own tables are not the application's data: not migrated, not verified.
    assertThat(first.tables())
        .extracting(dev.sqlite2pg.TableReport::sourceTable)
        .containsExactlyInAnyOrder("customers", "stock", "settings");

    List<String> migrated = List.of("customers", "stock", "settings");
    try (Connection pg = TestPostgres.connect(url)) {
      Fence.install(pg, "public", migrated);
    }
    workload(db, new Random(11));

    Plan plan = plan(migrator, url, db);
    Apply apply = new Apply("public", true, captured.keys(), plan.tables());
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db);
        Connection pg = TestPostgres.connect(url)) {
      long applied = apply.applied(pg).orElse(captured.boundary());
      int batches = 0;
      for (Apply.Batch b = apply.batch(sqlite, pg, applied, 97);
          b.changes() > 0;
          b = apply.batch(sqlite, pg, applied, 97)) {
        applied = b.applied();
        batches++;
        assertThat(b.keys()).as("keys touched by a batch of changes").isPositive();
      }
      assertThat(batches).as("the workload took several capped batches").isGreaterThan(3);
      assertThat(apply.applied(pg)).contains(applied);
      // A crash between a batch's commit and the next read replays changes already applied:
      // state-based apply makes that harmless. Replay everything since the boundary.
      Apply.Batch replay = apply.batch(sqlite, pg, captured.boundary(), 100_000);
      assertThat(replay.applied()).isEqualTo(applied);
    }

    // The fence refused the application's writes meanwhile (apply passed through it) ...
    try (Connection pg = TestPostgres.connect(url);
        Statement s = pg.createStatement()) {
      assertThatThrownBy(() -> s.execute("DELETE FROM settings"))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("55000");
                assertThat(e.getMessage())
                    .contains(
                        "sqlite2pg: settings is not live yet; the application writes to SQLite"
                            + " until cut-over");
              });
    }
    VerifyResult v = migrator.verify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
    assertThat(IndependentCompare.differences(db, "customers", "id", url, "customers", "id"))
        .isEmpty();
    // ... and once lifted, PostgreSQL takes writes.
    try (Connection pg = TestPostgres.connect(url);
        Statement s = pg.createStatement()) {
      Fence.remove(pg, "public", migrated);
      s.execute("INSERT INTO settings VALUES ('after', 'cut-over')");
    }
  }

  /** The capture and its boundary, as sync start would record them before the copy. */
  private record Captured(List<CaptureKey> keys, long boundary) {}

  private static Captured install(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      Catalog catalog = new CatalogReader(c).read();
      Capture.Captured tables = Capture.tables(catalog);
      Capture.install(c, tables);
      return new Captured(tables.keyed(), Capture.boundary(c));
    }
  }

  /** What the application writes after the copy: 600 statements of every kind. */
  private static void workload(Path db, Random r) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 600; i++) {
        int id = 1 + r.nextInt(260);
        switch (r.nextInt(8)) {
          case 0 ->
              s.execute(
                  "INSERT OR IGNORE INTO customers VALUES ("
                      + id
                      + ", 'n"
                      + i
                      + "@example.com', 'New "
                      + i
                      + "', "
                      + (i * 0.25)
                      + ")");
          case 1 -> s.execute("UPDATE customers SET credit = credit + 1.5 WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM customers WHERE id = " + id);
          case 3 ->
              s.execute("UPDATE OR IGNORE customers SET id = " + (1000 + i) + " WHERE id = " + id);
          case 4 ->
              // REPLACE over the unique email deletes another customer (M2).
              s.execute(
                  "REPLACE INTO customers VALUES ("
                      + (2000 + i)
                      + ", 'c"
                      + id
                      + "@example.com', 'Replaced', 0)");
          case 5 ->
              s.execute(
                  "INSERT OR REPLACE INTO stock VALUES ('SKU-"
                      + r.nextInt(12)
                      + "', "
                      + r.nextInt(6)
                      + ", "
                      + i
                      + ")");
          case 6 ->
              s.execute(
                  "DELETE FROM stock WHERE sku = 'SKU-"
                      + r.nextInt(12)
                      + "' AND shop = "
                      + r.nextInt(6));
          default ->
              s.execute(
                  "INSERT OR REPLACE INTO settings VALUES ('k"
                      + r.nextInt(20)
                      + "', 'v"
                      + i
                      + "')");
        }
      }
    }
  }

  /** The plan the copy used: the tables' target names and types. */
  private static Plan plan(Migrator migrator, String url, Path db) {
    SqliteSource source = SqliteSource.open(db);
    RunContext run =
        new RunContext(
            migrator.options(),
            new JdbcTarget(url),
            LoadMode.of(false, null, false, false),
            List.of(),
            MappingConfig.EMPTY);
    return PlanStep.run(run, source, dev.sqlite2pg.run.CatalogStep.run(run, source), false);
  }
}
