package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.run.LoadMode;
import dev.sqlite2pg.run.PlanStep;
import dev.sqlite2pg.run.RunContext;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One sync through the library for a blind-spot test: a SQLite file built from a script, {@code
 * syncStart} (capture, copy without foreign keys, boundary, fence), the application's statements on
 * a separate plain sqlite-jdbc connection, then every change applied in capped batches by {@link
 * Apply}, as {@code sync run} does.
 */
final class SyncFixture {

  final Path db;
  final String url;
  final Migrator migrator;
  final MigrationResult started;

  private SyncFixture(Path db, String url) {
    this.db = db;
    this.url = url;
    this.migrator = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    this.started = migrator.syncStart();
    assertThat(started.exitCode()).as(started.toString()).isZero();
  }

  /** {@code sql} built into {@code dir/name.db} and sync started from it into a new database. */
  static SyncFixture start(String sql, Path dir, String name) {
    Path db = Fixtures.buildFromSql(sql, dir.resolve(name + ".db"));
    return new SyncFixture(db, TestPostgres.newDatabase(name));
  }

  /** The application's statements, on its own connection (sqlite-jdbc's defaults). */
  void app(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Applies every change in batches of at most {@code limit}; returns how many changes. */
  long applyAll(int limit) throws SQLException {
    Plan plan = plan();
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db);
        Connection pg = TestPostgres.connect(url)) {
      Apply apply =
          new Apply(
              "public",
              plan.catalog().utf8(),
              Capture.tables(new CatalogReader(sqlite).read()).all(),
              plan.tables());
      long applied = apply.applied(pg).orElseThrow();
      long changes = 0;
      for (Apply.Batch b = apply.batch(sqlite, pg, applied, limit);
          b.changes() > 0;
          b = apply.batch(sqlite, pg, applied, limit)) {
        applied = b.applied();
        changes += b.changes();
      }
      return changes;
    }
  }

  /** The tool's own verify finds the target equal to SQLite. */
  void assertVerifies() {
    VerifyResult v = migrator.verify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
  }

  /** One PostgreSQL query's rows, each row's columns joined by '|', in the query's order. */
  List<String> pg(String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url)) {
      return rows(c, sql);
    }
  }

  /** One SQLite query's rows, as {@link #pg}. */
  List<String> sqlite(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return rows(c, sql);
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  /** The plan sync run uses: the tables' target names and types, fitted to the target. */
  private Plan plan() {
    SqliteSource source = SqliteSource.open(db);
    RunContext run =
        new RunContext(
            migrator.options(),
            new JdbcTarget(url),
            new LoadMode.DataOnly(LoadMode.Existing.REFUSE), // as Migrator.syncRun
            List.of(),
            MappingConfig.EMPTY);
    return PlanStep.run(run, source, dev.sqlite2pg.run.CatalogStep.run(run, source), false);
  }
}
