package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.HazardsEndToEndTest.Run;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files that stopped a run or lost rules before issue 11: a foreign key whose two ends the
 * values typed differently, a collation only the application defines, text that is not UTF-8. Each
 * migration ends with the tool's verify (in {@link HazardsEndToEndTest#migrate}).
 */
@NeedsServer
class SourceHazardsEndToEndTest {

  @TempDir Path dir;

  @Test
  void bothEndsOfAForeignKeyGetOneType() throws Exception {
    Run run = HazardsEndToEndTest.migrate(Fixtures.build("fk_mixed_types", dir), "fk_mixed_types");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.type("parent", "code")).isEqualTo("text");
    assertThat(run.type("child", "code")).isEqualTo("text");
    assertThat(run.type("grandchild", "code")).isEqualTo("text");
    assertThat(run.result().notMigrated()).isEmpty();
    assertThat(
            run.list(
                "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                    + " AND connamespace = 'public'::regnamespace ORDER BY 1"))
        .containsExactly("child_code_fkey", "grandchild_code_fkey");
    assertThat(run.warnings()).anyMatch(w -> w.contains("to match foreign key child(code)"));
    run.independentlyEqual("child", "id");
  }

  @Test
  void aCollationOnlyTheApplicationDefinesIsReadAndKeptCaseInsensitive() throws Exception {
    Run run = HazardsEndToEndTest.migrate(Fixtures.build("app_collation", dir), "app_collation");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.result().notMigrated()).isEmpty();
    assertThat(run.warnings())
        .anyMatch(w -> w.contains("tags.tag") && w.contains("COLLATE UNICASE"))
        .anyMatch(w -> w.contains("decks.name") && w.contains("ICU"));
    // The embedded server has ICU: the key and the unique index are case-insensitive, as in Anki.
    try (Connection c = TestPostgres.connect(run.url());
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("INSERT INTO tags VALUES ('LEECH', 0, false, NULL)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("tags_pkey");
      assertThatThrownBy(
              () -> s.execute("INSERT INTO decks (name, mtime_secs) VALUES ('default', 1)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("idx_decks_name");
      s.execute("INSERT INTO tags VALUES ('Unicode', 0, false, NULL)"); // accents still count
    }
    // tags cannot be read by the independent compare's SQLite, which has no unicase: the tool's
    // verify (in migrate) compared it; decks has a unicase index, and is read by rowid.
    run.independentlyEqual("decks", "id");
  }

  @Test
  void textThatIsNotUtf8MakesTheColumnBytea() throws Exception {
    Run run = HazardsEndToEndTest.migrate(Fixtures.build("binary_text", dir), "binary_text");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.type("pages", "url_hash")).isEqualTo("bytea");
    assertThat(run.type("pages", "url")).isEqualTo("text");
    assertThat(run.warnings())
        .anyMatch(w -> w.startsWith("pages.url_hash: created as bytea") && w.contains("UTF-8"));
    assertThat(run.column("SELECT url_hash FROM pages WHERE id = 1", byte[].class).get(0))
        .hasSize(20)
        .startsWith(0xa9, 0x4a);
    assertThat(
            run.list(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'pages' AND indexdef LIKE"
                    + " 'CREATE UNIQUE INDEX%url_hash%'"))
        .hasSize(1);
    // Independently, byte for byte (IndependentCompare reads SQLite text as Java strings, which
    // cannot hold these bytes).
    assertThat(
            run.list("SELECT id || ' ' || upper(encode(url_hash, 'hex')) FROM pages ORDER BY id"))
        .isEqualTo(sqlite(run.db(), "SELECT id || ' ' || hex(url_hash) FROM pages ORDER BY id"));
  }

  static List<String> sqlite(Path db, String sql) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void aCastToTextKeepsTextAndRefusesThoseRows() throws Exception {
    Path db = Fixtures.build("binary_text", dir);
    String url = TestPostgres.newDatabase("binary_text_cast");
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .casts(List.of("pages.url_hash=text"))
            .build()
            .migrate();
    assertThat(r.exitCode()).isEqualTo(3);
    TableReport pages = r.tables().get(0);
    assertThat(pages.copiedRows()).isEqualTo(1);
    assertThat(pages.rejected())
        .extracting(RejectedRow::key, RejectedRow::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rowid=1", "url_hash"),
            org.assertj.core.groups.Tuple.tuple("rowid=2", "url_hash"));
    assertThat(pages.rejected().get(0).reason()).contains("invalid UTF-8");
  }
}
