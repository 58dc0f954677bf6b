package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.NeedsServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image mode (design 3.2 "Key per table", 3.4; blind spot 4.4 #10): a table with neither PRIMARY
 * KEY nor a UNIQUE index over NOT NULL columns is followed by copies of its OLD and NEW rows.
 */
@NeedsServer
class ImageModeTest {

  @TempDir Path dir;

  private static final String LOG =
      """
      -- An event log without a key (equal rows are data), filled by an application trigger on
      -- its orders table: the image of a nested trigger's row must carry its own change's id.
      CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL);
      CREATE TABLE events (at TEXT, what TEXT, n INTEGER);
      CREATE TRIGGER orders_log AFTER INSERT ON orders BEGIN
        INSERT INTO events VALUES ('now', 'order ' || NEW.id, NEW.id); END;
      INSERT INTO events VALUES ('2024-01-01', 'boot', 1), ('2024-01-01', 'boot', 1);
      """;

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  @Test
  void aTableWithoutAKeyIsCapturedByRowImagesThatPruneAndRemoveLeaveNoTraceOf() throws Exception {
    Path db = Fixtures.buildFromSql(LOG, dir.resolve("log.db"));
    String before = schema(db);
    Capture.Captured captured;
    try (Connection c = open(db)) {
      captured = Capture.tables(new dev.sqlite2pg.sqlite.CatalogReader(c).read());
      Capture.install(c, captured);
      assertThat(Capture.imageRows(c, captured)).containsEntry("events", 2L);
    }
    assertThat(captured.images()).extracting(k -> k.table().name()).containsExactly("events");
    int n = captured.images().get(0).number();
    try (Connection c = open(db);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO orders VALUES (7, 9.5)");
      s.execute("UPDATE events SET what = 'reboot' WHERE rowid = 1");
      s.execute("DELETE FROM events WHERE rowid = 2");
    }
    assertThat(rows(db, "SELECT name, key_cols, mode FROM sqlite2pg_tables WHERE n = " + n))
        .containsExactly("events||image");
    // Each image hangs off a changelog row of events, whatever order the triggers fired in.
    assertThat(
            rows(
                db,
                "SELECT c.op, i.side, i.c1, i.c2, i.c3 FROM sqlite2pg_img_"
                    + n
                    + " i JOIN sqlite2pg_changes c ON c.id = i.change_id AND c.tbl = "
                    + n
                    + " ORDER BY i.change_id, i.side"))
        .containsExactly(
            "1|1|now|order 7|7",
            "2|0|2024-01-01|boot|1",
            "2|1|2024-01-01|reboot|1",
            "3|0|2024-01-01|boot|1");
    try (Connection c = open(db)) {
      long last = Changelog.after(c, 0, 100).get(3).id();
      Changelog.prune(c, last);
      // The highest changelog row and its image stay (M9); the others went together.
      assertThat(rows(db, "SELECT count(*) FROM sqlite2pg_changes")).containsExactly("1");
      assertThat(rows(db, "SELECT side, c2 FROM sqlite2pg_img_" + n)).containsExactly("0|boot");
      Capture.remove(c);
    }
    assertThat(schema(db)).isEqualTo(before);
  }

  private static final String READINGS =
      """
      -- Sensor readings appended by an IoT gateway: no key, repeated identical readings, values
      -- of every storage class in an untyped column, a NULL beside an empty string, a blob, a
      -- generated column, and a UNIQUE over a nullable serial number (not a key: NULLs repeat).
      CREATE TABLE readings (sensor TEXT, value REAL, raw, note TEXT, payload BLOB, serial TEXT,
        doubled REAL GENERATED ALWAYS AS (value * 2) VIRTUAL, UNIQUE (serial));
      INSERT INTO readings (sensor, value, raw, note, payload, serial) VALUES
        ('t1', 20.5, 1, '', x'00ff', NULL), ('t1', 20.5, 1, '', x'00ff', NULL),
        ('t2', -0.0, 'text', NULL, NULL, 'S-1'), ('t3', 1e300, 2.5, 'x', x'', 'S-2');
      """;

  @Test
  void imagesMatchExactlyAsTheCopyConvertedThem() throws Exception {
    SyncFixture f = SyncFixture.start(READINGS, dir, "img_values");
    // The image table is sqlite2pg's, not the application's: neither copied nor verified.
    assertThat(f.started.tables())
        .extracting(dev.sqlite2pg.TableReport::sourceTable)
        .containsExactly("readings");
    f.app(
        // One of two identical rows changes; the other stays as it was.
        "UPDATE readings SET note = 'checked' WHERE rowid = 2",
        "INSERT INTO readings (sensor, value, raw, note, payload) VALUES"
            + " ('t1', 20.5, 1, '', x'00ff'), ('t4', 3, '3', NULL, x'01')",
        "DELETE FROM readings WHERE sensor = 't2'",
        "UPDATE readings SET raw = 7 WHERE sensor = 't4'",
        // REPLACE over the unique serial deletes 't3' without a delete trigger (M2).
        "INSERT OR REPLACE INTO readings (sensor, value, serial) VALUES ('t5', 5, 'S-2')");
    assertThat(f.applyAll(3)).isEqualTo(6);
    f.assertVerifies();
    assertThat(f.pg("SELECT count(*) FROM readings WHERE sensor = 't3'")).containsExactly("0");
    assertThat(
            IndependentCompare.differences(
                f.db, "readings", "sensor, note", f.url, "readings", "sensor, note NULLS FIRST"))
        .isEmpty();
  }

  @Test
  void thousandsOfIdenticalRowsDeletedAndReinsertedApplyInOneBatch() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- A page-view counter that logs one identical row per view: 3,000 equal rows.
            CREATE TABLE views (page TEXT, day TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
            INSERT INTO views SELECT '/home', '2024-05-01' FROM n;
            """,
            dir,
            "img_many");
    f.app(
        "DELETE FROM views WHERE rowid % 3 = 0",
        "INSERT INTO views SELECT page, '2024-05-02' FROM views WHERE rowid % 5 = 0");
    assertThat(f.applyAll(100_000)).isEqualTo(1000 + 400);
    assertThat(f.pg("SELECT day, count(*) FROM views GROUP BY day ORDER BY day"))
        .containsExactly("2024-05-01|2000", "2024-05-02|400");
    f.assertVerifies();
  }

  private static List<String> rows(Path db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = open(db);
        Statement s = c.createStatement();
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

  private static String schema(Path db) throws SQLException {
    return String.join(
        "\n", rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"));
  }
}
