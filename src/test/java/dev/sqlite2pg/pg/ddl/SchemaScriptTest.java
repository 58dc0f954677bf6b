package dev.sqlite2pg.pg.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.SchemaSection;
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

/** The schema script is what a DBA applies with psql -f: it must run as it is. */
@NeedsServer
class SchemaScriptTest {

  @TempDir Path dir;

  @Test
  void theScriptAppliesToAnEmptyDatabaseAndMatchesWhatMigrateCreates() throws Exception {
    Path db = Fixtures.build("shop", dir);
    String url = TestPostgres.newDatabase("script");
    MigrationPlan plan = Migrator.configure().source(db).target(new JdbcTarget(url)).build().plan();
    String pre = plan.script(SchemaSection.PRE_DATA);
    String post = plan.script(SchemaSection.POST_DATA);
    assertThat(pre).contains("CREATE TABLE \"public\".\"customers\"").doesNotContain("FOREIGN KEY");
    assertThat(post).contains("FOREIGN KEY").doesNotContain("CREATE TABLE");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(pre);
      s.execute(
          "INSERT INTO customers (id, email, name, active, created_at)"
              + " VALUES (7, 'a@b', 'A', true, now())");
      s.execute(post);
      ResultSet rs =
          s.executeQuery(
              "INSERT INTO customers (email, name) VALUES ('c@d', 'C')" + " RETURNING id");
      rs.next();
      assertThat(rs.getLong(1)).as("sequence moved past the rows already there").isEqualTo(8);
      rs = s.executeQuery("SELECT count(*) FROM pg_constraint WHERE contype = 'f'");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(3);
      rs = s.executeQuery("SELECT count(*) FROM pg_views WHERE viewname = 'order_totals'");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void withoutAServerAnApplicationsCaseInsensitiveCollationBecomesLower() throws Exception {
    // Written with no server at hand, ICU is not assumed: Anki's unicase index uses lower().
    Path db = Fixtures.build("app_collation", dir);
    String url = TestPostgres.newDatabase("script_collation");
    MigrationPlan plan = Migrator.configure().source(db).target(new JdbcTarget(url)).build().plan();
    String pre = plan.script(SchemaSection.PRE_DATA);
    String post = plan.script(SchemaSection.POST_DATA);
    assertThat(pre).doesNotContain("COLLATE");
    assertThat(post)
        .contains("CREATE UNIQUE INDEX \"idx_decks_name\"")
        .contains("(lower(\"name\"))");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(pre);
      s.execute(post);
    }
  }
}
