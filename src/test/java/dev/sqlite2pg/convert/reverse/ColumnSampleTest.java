package dev.sqlite2pg.convert.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample a shape is learned from: newest rows first, storage classes as stored. */
class ColumnSampleTest {

  @TempDir Path dir;

  @Test
  void newestNonNullValuesFirstEachInItsStorageClass() throws Exception {
    // An application that switched from SQLite's datetime('now') to Python's isoformat(): the
    // newest rows show the form it writes now.
    Path db =
        Fixtures.buildFromSql(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, at, n);"
                + "INSERT INTO events VALUES (1, '2024-05-01 10:00:00', 7),"
                + " (2, NULL, 2.5), (3, '2024-05-02T10:00:00', x'00ff');",
            dir.resolve("events.db"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(ColumnSample.read(c, "events", "at", 10))
          .containsExactly("2024-05-02T10:00:00", "2024-05-01 10:00:00");
      assertThat(ColumnSample.read(c, "events", "n", 2))
          .hasSize(2)
          .first()
          .isInstanceOf(byte[].class);
      assertThat(ColumnSample.read(c, "events", "n", 10).get(1)).isEqualTo(2.5);
      assertThat(ColumnSample.read(c, "events", "n", 10).get(2)).isEqualTo(7L);
    }
  }

  @Test
  void withoutRowidTablesAreSampledToo() throws Exception {
    // duckdb-sqlite's norowid.db: a WITHOUT ROWID table has no rowid to order by.
    Path db =
        Fixtures.buildFromSql(
            "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;"
                + "INSERT INTO kv VALUES ('a', 1), ('b', 2);",
            dir.resolve("kv.db"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(ColumnSample.read(c, "kv", "v", 10)).containsExactlyInAnyOrder(1L, 2L);
    }
  }
}
