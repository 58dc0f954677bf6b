package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Rows a migration wrote on both sides are not conflicts: an Alembic revision that seeds a "system"
 * author with op.bulk_insert ran on SQLite and on PostgreSQL, so --data-only found id 1 in the
 * target and refused the load (exit 5), though the row was the same. Identical rows are left as
 * they are; a row that differs is still refused, naming its key.
 */
@NeedsServer
class IdenticalRowsTest {

  @TempDir Path dir;

  private static final String SOURCE =
      """
      -- A blog whose first Alembic revision seeded the system author.
      CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, meta JSON);
      INSERT INTO authors VALUES (1, 'system', '{"bot": true}'), (2, 'ada', NULL),
        (3, 'grace', '{}');
      """;

  private String target(String name, String seeded) throws Exception {
    String url = TestPostgres.newDatabase(name);
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE authors (id serial PRIMARY KEY, name varchar(50) NOT NULL, meta json);"
              + " INSERT INTO authors VALUES "
              + seeded);
    }
    return url;
  }

  @Test
  void aRowTheMigrationsWroteOnBothSidesIsLeftAsItIs() throws Exception {
    String url = target("identical_rows", "(1, 'system', '{\"bot\": true}')");
    Path db = Fixtures.buildFromSql(SOURCE, dir.resolve("blog.db"));

    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .dataOnly(true)
            .build()
            .migrate();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    TableReport authors = r.tables().get(0);
    assertThat(authors.copiedRows()).isEqualTo(2);
    assertThat(authors.skippedExisting()).isEqualTo(1);
    assertThat(single(url, "INSERT INTO authors (name) VALUES ('new') RETURNING id")).isEqualTo(4);
  }

  @Test
  void aRowThatDiffersIsStillAConflict() throws Exception {
    String url = target("differing_rows", "(1, 'System', '{\"bot\": true}')");
    Path db = Fixtures.buildFromSql(SOURCE, dir.resolve("blog2.db"));

    assertThatThrownBy(
            () ->
                Migrator.configure()
                    .source(db)
                    .target(new JdbcTarget(url))
                    .dataOnly(true)
                    .build()
                    .migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("authors: 1 of 3 source keys already in the target (id=1)");
    assertThat(single(url, "SELECT count(*) FROM authors")).isEqualTo(1);
  }

  private static long single(String url, String sql) throws Exception {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
