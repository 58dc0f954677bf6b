package dev.sqlite2pg.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page reader against SQLite itself: for every readable table of every hazard fixture and of
 * every corpus database, both readers must give the same rows, storage classes and bytes, over the
 * whole table and over rowid ranges.
 */
class PageReaderTest {

  private static final Path CORPUS = Path.of("..", "shared", "corpus");

  @TempDir Path dir;

  @Test
  void pageLayoutsReadAsSqliteReadsThem() throws Exception {
    Path db = Fixtures.build("page_layouts", dir);
    List<String> checked = compareAll(db);
    assertThat(checked).contains("docs: 302 rows", "widths: 22 rows", "big: 3000 rows");
  }

  @Test
  void everyFixtureReadsAsSqliteReadsIt() throws Exception {
    int tables = 0;
    try (Stream<Path> scripts = Files.list(Path.of("src/test/resources/fixtures"))) {
      for (Path script : scripts.filter(p -> p.toString().endsWith(".sql")).toList()) {
        String name = script.getFileName().toString().replace(".sql", "");
        if (name.endsWith("_pg")) {
          continue; // PostgreSQL DDL, not a SQLite fixture
        }
        tables += compareAll(Fixtures.build(name, dir)).size();
      }
    }
    assertThat(tables).isGreaterThan(40);
  }

  @Test
  void everyCorpusDatabaseReadsAsSqliteReadsIt() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(CORPUS), "corpus not present");
    long rows = 0;
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path db :
          files
              .filter(f -> !f.toString().matches(".*\\.(md|db-wal|db-shm|sql)$"))
              .sorted()
              .toList()) {
        for (String t : compareAll(db)) {
          rows += Long.parseLong(t.replaceAll(".*: (\\d+) rows", "$1"));
        }
      }
    }
    assertThat(rows).isGreaterThan(100_000);
  }

  @Test
  void damagedPagesAreCorruptNotGarbage() throws Exception {
    Path db = Fixtures.build("page_layouts", dir);
    byte[] bytes = Files.readAllBytes(db);
    for (int i = 512 * 10; i < 512 * 40; i++) {
      bytes[i] = (byte) 0xA5;
    }
    Files.write(db, bytes);
    try (Connection c = DriverManager.getConnection(url(db))) {
      Table docs = new CatalogReader(c).read().table("docs").orElseThrow();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                try (RowCursor scan = pages(db, c, docs, Long.MIN_VALUE, Long.MAX_VALUE)) {
                  while (scan.next()) {
                    for (int i = 0; i <= docs.columns().size(); i++) {
                      scan.type(i);
                    }
                  }
                }
              })
          .isInstanceOf(org.sqlite.SQLiteException.class)
          .hasMessageContaining("malformed");
    }
  }

  /** "table: N rows" for every readable table of {@code db}, after comparing each. */
  private static List<String> compareAll(Path db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url(db))) {
      // The stand-ins the tool registers for application collations (Anki's unicase in
      // app_collation), without which SQLite cannot walk such tables at all.
      StandInCollations.register(c, StandInCollations.named(c));
      Catalog catalog = new CatalogReader(c).read();
      if (!catalog.encoding().equalsIgnoreCase("UTF-8")) {
        return out;
      }
      for (Table t : catalog.tables()) {
        if (!RecordLayout.readable(t)) {
          continue;
        }
        long n = compare(db, c, t, Long.MIN_VALUE, Long.MAX_VALUE);
        out.add(t.name() + ": " + n + " rows");
        try (RowCursor rows = pages(db, c, t, Long.MIN_VALUE, Long.MAX_VALUE)) {
          assertThat(TableProfiler.profile(rows, t.columns()))
              .as(db.getFileName() + " " + t.name() + " profile")
              .isEqualTo(TableProfiler.profile(c, t));
        }
        compare(db, c, t, -1000, 500);
        compare(db, c, t, 3, 3);
      }
    }
    return out;
  }

  private static long compare(Path db, Connection c, Table t, long lo, long hi) throws Exception {
    String where = db.getFileName() + " " + t.name() + " [" + lo + ", " + hi + "]";
    int width = t.columns().size() + 1;
    long n = 0;
    try (RowCursor expected = jdbc(c, t, lo, hi);
        RowCursor actual = pages(db, c, t, lo, hi)) {
      while (expected.next()) {
        assertThat(actual.next()).as(where + " row " + n + " missing").isTrue();
        for (int i = 0; i < width; i++) {
          String at = where + " row " + n + " column " + i;
          int type = expected.type(i);
          assertThat(actual.type(i)).as(at).isEqualTo(type);
          switch (type) {
            case SourceRow.INTEGER ->
                assertThat(actual.getLong(i)).as(at).isEqualTo(expected.getLong(i));
            case SourceRow.FLOAT ->
                assertThat(Double.doubleToRawLongBits(actual.getDouble(i)))
                    .as(at)
                    .isEqualTo(Double.doubleToRawLongBits(expected.getDouble(i)));
            case SourceRow.TEXT, SourceRow.BLOB ->
                assertThat(actual.getBytes(i)).as(at).isEqualTo(expected.getBytes(i));
            default -> {}
          }
        }
        n++;
      }
      assertThat(actual.next()).as(where + " extra row after " + n).isFalse();
    }
    return n;
  }

  private static RowCursor jdbc(Connection c, Table t, long lo, long hi) throws SQLException {
    return TableReader.throughSqlite(c, t, t.columns(), true, lo, hi);
  }

  private static RowCursor pages(Path db, Connection c, Table t, long lo, long hi)
      throws SQLException {
    PageFile f = PageFile.open(db);
    try (java.sql.PreparedStatement ps =
        c.prepareStatement(
            "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
      ps.setString(1, t.name());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new TableScan(f, rs.getLong(1), lo, hi, new RecordLayout(t, t.columns(), c));
      }
    }
  }

  private static String url(Path db) {
    return "jdbc:sqlite:file:"
        + db.toAbsolutePath().normalize().toUri().getRawPath()
        + "?immutable=1";
  }
}
