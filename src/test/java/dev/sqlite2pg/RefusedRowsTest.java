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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows PostgreSQL refuses: an application's schema is stricter than the SQLite data it had (a CHECK
 * added later, an orphaned foreign key). Each such row costs only itself, is named with the reason,
 * and the run exits 3; with --on-error=abort the table is rolled back instead.
 */
@NeedsServer
class RefusedRowsTest {

  @TempDir Path dir;

  private static final String SOURCE =
      """
      -- Readings from a sensor app: severity once allowed above 1, and two readings point to a
      -- device that was deleted (SQLite did not enforce the foreign key).
      CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE readings (id INTEGER PRIMARY KEY, device_id INTEGER, severity REAL);
      INSERT INTO devices VALUES (1, 'a'), (2, 'b');
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO readings SELECT i, 1 + i % 2, (i % 10) / 10.0 FROM n;
      UPDATE readings SET severity = 1.5 WHERE id IN (17, 2500, 4999);
      UPDATE readings SET device_id = 9 WHERE id IN (100, 101);
      """;

  private static final String SCHEMA =
      """
      CREATE TABLE devices (id bigint PRIMARY KEY, name text);
      CREATE TABLE readings (id bigint PRIMARY KEY, device_id bigint REFERENCES devices(id),
        severity double precision CHECK (severity <= 1));
      """;

  private MigrationResult load(OnError onError, String url) throws Exception {
    Path db = Fixtures.buildFromSql(SOURCE, dir.resolve("readings-" + onError + ".db"));
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    }
    return Migrator.configure()
        .source(db)
        .target(new JdbcTarget(url))
        .dataOnly(true)
        .onError(onError)
        .batchSize(1000)
        .build()
        .migrate();
  }

  @Test
  void eachRefusedRowCostsOnlyItself() throws Exception {
    String url = TestPostgres.newDatabase("refused");
    MigrationResult r = load(OnError.SKIP, url);
    TableReport readings =
        r.tables().stream()
            .filter(t -> t.sourceTable().equals("readings"))
            .findFirst()
            .orElseThrow();
    assertThat(readings.copiedRows()).isEqualTo(4995);
    assertThat(readings.rejected())
        .extracting(RejectedRow::key)
        .containsExactlyInAnyOrder(
            "rowid=17", "rowid=2500", "rowid=4999", "rowid=100", "rowid=101");
    assertThat(readings.rejected())
        .filteredOn(x -> x.key().equals("rowid=17"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.column()).isEqualTo("constraint readings_severity_check");
              assertThat(x.reason()).contains("violates check constraint");
            });
    assertThat(readings.rejected())
        .filteredOn(x -> x.key().equals("rowid=100"))
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("foreign key"));
    assertThat(r.exitCode()).isEqualTo(3);
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(4995);
    }
  }

  @Test
  void abortRollsTheTableBack() throws Exception {
    String url = TestPostgres.newDatabase("abort");
    MigrationResult r = load(OnError.ABORT, url);
    TableReport readings =
        r.tables().stream()
            .filter(t -> t.sourceTable().equals("readings"))
            .findFirst()
            .orElseThrow();
    assertThat(readings.copiedRows()).isZero();
    assertThat(readings.error())
        .hasValueSatisfying(e -> assertThat(e).contains("--on-error=abort"));
    assertThat(readings.rejected()).hasSize(1);
    assertThat(r.exitCode()).isEqualTo(3);
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }
}
