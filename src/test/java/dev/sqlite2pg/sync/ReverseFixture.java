package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.run.CatalogStep;
import dev.sqlite2pg.run.LoadMode;
import dev.sqlite2pg.run.PlanStep;
import dev.sqlite2pg.run.RunContext;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SQLite file built from a script and migrated into a new PostgreSQL database, as it stands after
 * cut-over: the application writes to PostgreSQL, and reverse capture is what a rollback reads. The
 * plan is the one the copy used, so reverse capture keys each table as forward sync did.
 */
final class ReverseFixture {

  final String url;
  final List<TablePlan> plans;

  private ReverseFixture(String url, List<TablePlan> plans) {
    this.url = url;
    this.plans = plans;
  }

  static ReverseFixture migrate(String sql, Path dir, String name) {
    Path db = Fixtures.buildFromSql(sql, dir.resolve(name + ".db"));
    String url = TestPostgres.newDatabase(name);
    Migrator migrator = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    MigrationResult result = migrator.migrate();
    assertThat(result.exitCode()).as(result.toString()).isZero();
    SqliteSource source = SqliteSource.open(db);
    RunContext run =
        new RunContext(
            migrator.options(),
            new JdbcTarget(url),
            LoadMode.of(false, null, false, false),
            List.of(),
            MappingConfig.EMPTY);
    return new ReverseFixture(
        url, PlanStep.run(run, source, CatalogStep.run(run, source), false).tables());
  }

  Connection connect() throws SQLException {
    return TestPostgres.connect(url);
  }

  /** The application's statements, each in autocommit, on a connection of its own. */
  void app(String... statements) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** A batch and what its tables' rows said, per table (with " (whole)" when truncated). */
  record Read(ReverseChanges.Batch batch, Map<String, List<String>> rows) {}

  /**
   * One batch of at most {@code limit} changes, each row as its op, a space, and its values joined
   * by commas; sorted for a table with a key (one row per key, in no order), as read for images.
   */
  static Read read(Connection pg, int limit) throws SQLException {
    Map<String, List<String>> rows = new TreeMap<>();
    ReverseChanges.Batch b =
        new ReverseChanges("public")
            .read(
                pg,
                limit,
                (t, whole, rs) -> {
                  List<String> out = lines(rs);
                  if (!t.images()) {
                    out.sort(null);
                  }
                  rows.put(t.table() + (whole ? " (whole)" : ""), out);
                });
    return new Read(b, rows);
  }

  private static List<String> lines(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder line = new StringBuilder(rs.getString(1)).append(' ');
      for (int i = 2; i <= n; i++) {
        line.append(i > 2 ? "," : "").append(rs.getString(i));
      }
      out.add(line.toString());
    }
    return out;
  }
}
