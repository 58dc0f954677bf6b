package dev.sqlite2pg.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInCollationsTest {

  @TempDir Path dir;

  @Test
  void namesOnlyTheApplicationsCollations() {
    assertThat(
            StandInCollations.named(
                "CREATE TABLE t (a TEXT COLLATE unicase, b TEXT COLLATE NOCASE,"
                    + " c TEXT COLLATE \"my_sort\", d TEXT COLLATE binary, e TEXT COLLATE rtrim)"))
        .containsExactly("my_sort", "unicase");
  }

  @Test
  void anAnkiCollectionIsReadThroughTheStandIn() throws SQLException {
    Path db = Fixtures.build("app_collation", dir);
    // SQLite alone stops on the schema, as it did at STEP 2 (issue 11).
    try (Connection plain = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = plain.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT tag FROM tags ORDER BY tag"))
          .hasMessageContaining("no such collation sequence: unicase");
    }
    SqliteSource source = SqliteSource.open(db);
    assertThat(source.standInCollations()).containsExactly("unicase");
    try (Connection c = source.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT tag FROM tags WHERE tag >= 'leech' ORDER BY tag")) {
      List<String> tags = new ArrayList<>();
      while (rs.next()) {
        tags.add(rs.getString(1));
      }
      // case-insensitive, as Anki's unicase: 'Leech' is found by 'leech', 'marked' sorts after it
      assertThat(tags).containsExactly("Leech", "marked", "Ünïcode");
    }
  }

  @Test
  void theFoldedOrderIgnoresCaseAndKeepsAccents() throws SQLException {
    Path db = Fixtures.buildFromSql("CREATE TABLE x (a TEXT)", dir.resolve("x.db"));
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      StandInCollations.register(c, java.util.Set.of("unicase", "app_order"));
      ResultSet rs =
          s.executeQuery(
              "SELECT 'Straße' = 'STRASSE' COLLATE unicase, 'Ä' = 'ä' COLLATE unicase,"
                  + " 'a' = 'á' COLLATE unicase, 'B' < 'a' COLLATE app_order,"
                  + " '\uD83D\uDE00' > '\uFFFD' COLLATE app_order");
      rs.next();
      // simple folding: ß is not SS (the unicase crate's full folding would say equal)
      assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
          .containsExactly(0, 1, 0, 1, 1);
    }
  }
}
