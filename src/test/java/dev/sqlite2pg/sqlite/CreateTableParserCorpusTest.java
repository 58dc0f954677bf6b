package dev.sqlite2pg.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conformance against ../shared/corpus when it is there: every CREATE TABLE and CREATE INDEX in
 * every file parses, and agrees with the PRAGMAs on columns and foreign keys. Skipped on a machine
 * without the corpus.
 */
class CreateTableParserCorpusTest {

  private static final Path CORPUS = Path.of("..", "shared", "corpus");

  @Test
  void everyCorpusTableAgreesWithPragmas() throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "corpus not present");
    List<String> mismatches = new ArrayList<>();
    int tables = 0;
    for (Path db : databases()) {
      try (Connection c = DriverManager.getConnection(url(db));
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                      + "AND type IN ('table', 'index') AND sql NOT LIKE 'CREATE VIRTUAL%'");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String sql = rs.getString("sql");
          if (rs.getString("type").equals("index")) {
            CreateIndexParser.parse(sql);
            continue;
          }
          tables++;
          ParsedTable t = CreateTableParser.parse(sql);
          String where = db.getFileName() + ":" + t.name();
          if (!t.name().equals(rs.getString("name"))) {
            mismatches.add(where + " name");
          }
          compare(c, t, where, mismatches);
        }
      }
    }
    assertThat(tables).isGreaterThan(100);
    assertThat(mismatches).isEmpty();
  }

  private static void compare(Connection c, ParsedTable t, String where, List<String> mismatches)
      throws SQLException {
    List<String> pragmaColumns = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT name, type FROM pragma_table_xinfo(?)")) {
      p.setString(1, t.name());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          // Newer SQLite reports standard type names in upper case ("integer" -> "INTEGER").
          pragmaColumns.add((rs.getString(1) + " " + rs.getString(2)).toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> parsed =
        t.columns().stream()
            .map(col -> (col.name() + " " + col.declaredType()).toLowerCase(Locale.ROOT))
            .toList();
    if (!parsed.equals(pragmaColumns)) {
      mismatches.add(where + " columns " + parsed + " vs " + pragmaColumns);
    }
    try (PreparedStatement p =
        c.prepareStatement("SELECT id, \"from\" FROM pragma_foreign_key_list(?) WHERE seq = 0")) {
      p.setString(1, t.name());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String from =
              t.foreignKeyByPragmaId(rs.getInt(1)).map(fk -> fk.fromColumns().get(0)).orElse("?");
          if (!from.equalsIgnoreCase(rs.getString(2))) {
            mismatches.add(where + " fk " + rs.getInt(1) + " " + from + " vs " + rs.getString(2));
          }
        }
      }
    }
  }

  /** Immutable: the corpus is read-only and some files carry a WAL-mode header. */
  private static String url(Path db) {
    return "jdbc:sqlite:file:"
        + db.toAbsolutePath().normalize().toUri().getRawPath()
        + "?immutable=1";
  }

  private static List<Path> databases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> !f.toString().matches(".*\\.(md|db-wal|db-shm)$")).sorted().toList();
    }
  }
}
