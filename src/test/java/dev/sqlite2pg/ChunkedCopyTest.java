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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large tables are copied in rowid ranges (here 1,000 rows a chunk instead of 500,000), each its
 * own task and transaction: the rows all arrive once, the progress is recorded per chunk, and a
 * value that disagrees with the plan in one chunk still re-plans the whole table.
 */
@NeedsServer
class ChunkedCopyTest {

  @TempDir Path dir;

  @BeforeEach
  void smallChunks() {
    System.setProperty("sqlite2pg.chunk-rows", "1000");
  }

  @AfterEach
  void defaultChunks() {
    System.clearProperty("sqlite2pg.chunk-rows");
  }

  @Test
  void aLargeTableArrivesWholeFromItsChunks() throws Exception {
    // An append-only log with gaps where rows were purged, and a smaller lookup table.
    Path db =
        Fixtures.buildFromSql(
            """
        CREATE TABLE kinds (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO kinds VALUES (1, 'a'), (2, 'b');
        CREATE TABLE log (id INTEGER PRIMARY KEY, kind INTEGER REFERENCES kinds(id), msg TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5500)
        INSERT INTO log SELECT i * 3, 1 + i % 2, 'message ' || i FROM n;
        DELETE FROM log WHERE id BETWEEN 3000 AND 6000;
        """,
            dir.resolve("log.db"));
    String url = TestPostgres.newDatabase("chunks");
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2).build().migrate();
    assertThat(r.exitCode()).isZero();
    TableReport log =
        r.tables().stream().filter(t -> t.sourceTable().equals("log")).findFirst().orElseThrow();
    assertThat(log.copiedRows()).isEqualTo(4499);
    assertThat(log.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(DISTINCT id) FROM log),"
                    + " (SELECT count(*) FROM sqlite2pg.chunks WHERE source_table = 'log'),"
                    + " (SELECT sum(copied_rows) FROM sqlite2pg.chunks WHERE source_table = 'log'),"
                    + " (SELECT copied_rows FROM sqlite2pg.tables WHERE source_table = 'log')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(4499);
      assertThat(rs.getLong(2)).as("chunks recorded").isEqualTo(5);
      assertThat(rs.getLong(3)).isEqualTo(4499);
      assertThat(rs.getLong(4)).as("the table marked copied after its chunks").isEqualTo(4499);
    }
  }

  @Test
  void aValueThatDisagreesInOneChunkReplansTheWholeTable() throws Exception {
    // A DATETIME column of ISO text, until one late row stored 'yesterday': the storage
    // classes agree with timestamp, one value does not, and only the copy can find it.
    Path db =
        Fixtures.buildFromSql(
            """
        CREATE TABLE stock (id INTEGER PRIMARY KEY, counted DATETIME);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
        INSERT INTO stock SELECT i, datetime(1600000000 + i * 60, 'unixepoch') FROM n;
        UPDATE stock SET counted = 'yesterday' WHERE id = 4321;
        """,
            dir.resolve("stock.db"));
    String url = TestPostgres.newDatabase("chunks_replan");
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2).build().migrate();
    MigrationPlan plan = Migrator.configure().source(db).target(new JdbcTarget(url)).build().plan();
    assertThat(r.tables())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.copiedRows()).isEqualTo(5000);
              assertThat(t.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
            });
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT format_type(atttypid, atttypmod),"
                    + " (SELECT count(*) FROM stock), (SELECT count(*) FROM sqlite2pg.chunks)"
                    + " FROM pg_attribute WHERE attrelid = 'stock'::regclass AND attname = 'counted'")) {
      rs.next();
      assertThat(rs.getString(1))
          .isEqualTo(plan.tables().get(0).columns().get(1).targetType())
          .isEqualTo("text");
      assertThat(rs.getLong(2)).isEqualTo(5000);
      assertThat(rs.getLong(3)).as("the first attempt's chunks are forgotten").isZero();
    }
  }
}
