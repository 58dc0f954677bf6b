package dev.sqlite2pg.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each framework is recognised by its history table with the columns that name a migration, as its
 * own migrations create it; a table that merely has the name is not enough (an application's own
 * "migrations" table of another shape).
 */
class FrameworkTest {

  @TempDir Path dir;

  private Catalog catalog(String name, String ddl) throws Exception {
    Path db = Fixtures.buildFromSql(ddl, dir.resolve(name + ".db"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return new CatalogReader(c).read();
    }
  }

  @Test
  void eachFrameworkByItsHistoryTable() throws Exception {
    assertThat(
            Framework.recognise(
                catalog(
                    "django",
                    "CREATE TABLE django_migrations (id integer PRIMARY KEY, app varchar(255),"
                        + " name varchar(255), applied datetime)")))
        .containsExactly(Framework.DJANGO);
    assertThat(
            Framework.recognise(
                catalog(
                    "rails",
                    "CREATE TABLE schema_migrations (version varchar PRIMARY KEY);"
                        + " CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY,"
                        + " value varchar)")))
        .containsExactly(Framework.RAILS);
    assertThat(
            Framework.recognise(
                catalog(
                    "alembic", "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")))
        .containsExactly(Framework.ALEMBIC);
    assertThat(
            Framework.recognise(
                catalog(
                    "prisma",
                    "CREATE TABLE _prisma_migrations (id TEXT PRIMARY KEY, migration_name TEXT,"
                        + " finished_at DATETIME, rolled_back_at DATETIME)")))
        .containsExactly(Framework.PRISMA);
    assertThat(
            Framework.recognise(
                catalog(
                    "laravel",
                    "CREATE TABLE migrations (id integer PRIMARY KEY, migration varchar,"
                        + " batch integer)")))
        .containsExactly(Framework.LARAVEL);
  }

  @Test
  void aTableOfTheNameButAnotherShapeIsNoFramework() throws Exception {
    // A job runner's own "migrations" table: no column naming a migration.
    assertThat(
            Framework.recognise(
                catalog(
                    "jobs",
                    "CREATE TABLE migrations (id integer PRIMARY KEY, source text, target text)")))
        .isEqualTo(List.of());
  }
}
