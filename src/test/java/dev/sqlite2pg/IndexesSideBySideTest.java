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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STEP 5 builds a table's indexes side by side, its primary key among them as a unique index that
 * is then attached (issue 18). A key over NOT NULL columns comes out as a real primary key; a key
 * over a column SQLite let hold NULL (only an INTEGER PRIMARY KEY is kept from it) is built as
 * before, fails alone, and leaves no index behind.
 */
@NeedsServer
class IndexesSideBySideTest {

  @TempDir Path dir;

  @Test
  void aTablesKeyAndIndexesAreBuiltAndAttached() throws Exception {
    String url = TestPostgres.newDatabase("side_by_side");
    Path db =
        Fixtures.buildFromSql(
            """
            -- A sensor log (one large table with a key and two indexes, as bench --one-table),
            -- and a legacy table whose composite key has a NULL in it: SQLite allows NULL in a
            -- PRIMARY KEY that is not INTEGER PRIMARY KEY (a long-standing bug it keeps).
            CREATE TABLE readings (id INTEGER PRIMARY KEY, sensor INTEGER NOT NULL,
              taken_at TEXT NOT NULL, value REAL);
            CREATE INDEX readings_sensor ON readings (sensor);
            CREATE INDEX readings_taken_at ON readings (taken_at);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
              INSERT INTO readings SELECT i, i % 17, printf('2026-01-01 %05d', i), i / 3.0 FROM n;
            CREATE TABLE legacy (region TEXT, code TEXT, label TEXT, PRIMARY KEY (region, code));
            CREATE INDEX legacy_code ON legacy (code);
            CREATE INDEX legacy_label ON legacy (label);
            INSERT INTO legacy VALUES ('eu', 'a', 'one'), (NULL, 'b', 'two');
            """,
            dir.resolve("sensors.db"));

    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).build().migrate();

    try (Connection c = TestPostgres.connect(url)) {
      assertThat(
              rows(
                  c,
                  "SELECT conname || ' ' || conindid::regclass FROM pg_constraint"
                      + " WHERE contype = 'p' AND conrelid = 'readings'::regclass"))
          .containsExactly("readings_pkey readings_pkey");
      assertThat(rows(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'readings'"))
          .containsExactlyInAnyOrder("readings_pkey", "readings_sensor", "readings_taken_at");
      assertThat(rows(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'legacy'"))
          .as("the key that failed left no index behind")
          .containsExactlyInAnyOrder("legacy_code", "legacy_label");
    }
    assertThat(r.notMigrated())
        .anySatisfy(
            n -> {
              assertThat(n.kind()).isEqualTo("primary key");
              assertThat(n.name()).isEqualTo("legacy_pkey");
            });
    assertThat(r.notMigrated()).noneSatisfy(n -> assertThat(n.name()).startsWith("readings"));
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
