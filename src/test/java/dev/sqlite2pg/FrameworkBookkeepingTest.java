package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrateOptions.IfExists;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Django site loaded with {@code --data-only} into the schema {@code manage.py migrate} created
 * on PostgreSQL (the django_bookkeeping fixtures): the migration history is compared by migration,
 * not by row; the content types and permissions the migrations seeded take the source's ids, which
 * other rows reference; a migration missing on PostgreSQL stops the run before anything is written.
 */
@NeedsServer
class FrameworkBookkeepingTest {

  @TempDir Path dir;

  private String migrated(String name) throws SQLException {
    String url = TestPostgres.newDatabase(name);
    exec(url, Fixtures.script("django_bookkeeping_pg"));
    return url;
  }

  private static Migrator.Builder migrator(Path db, String url) {
    return Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2).dataOnly(true);
  }

  @Test
  void djangoLoadsIntoItsOwnMigrationsWithTheSourcesContentTypes() throws Exception {
    String url = migrated("django_data_only");
    Path db = Fixtures.build("django_bookkeeping", dir);

    MigrationResult r = migrator(db, url).build().migrate();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.warnings()).extracting(Warning::describe).anyMatch(w -> w.contains("Django"));
    TableReport history = table(r, "django_migrations");
    assertThat(history.copiedRows()).isZero();
    assertThat(history.verification())
        .hasValueSatisfying(v -> assertThat(v.verdict()).isEqualTo("OK, by migration (app, name)"));
    // PostgreSQL's own record of applying the migrations is kept: its times, not SQLite's.
    assertThat(rows(url, "SELECT applied::date::text FROM django_migrations GROUP BY 1"))
        .containsExactly("2026-12-01");
    // The content types carry SQLite's ids, which permissions and the admin log reference.
    assertThat(rows(url, "SELECT id || ' ' || model FROM django_content_type ORDER BY id"))
        .containsExactly("1 logentry", "2 permission", "3 user", "4 contenttype", "5 order");
    assertThat(
            rows(
                url,
                "SELECT p.codename FROM auth_user_user_permissions up"
                    + " JOIN auth_permission p ON p.id = up.permission_id ORDER BY 1"))
        .containsExactly("add_order", "change_order");
    assertThat(
            IndependentCompare.differences(
                db, "auth_permission", "id", url, "auth_permission", "id"))
        .isEmpty();
    // verify on its own agrees: the history compared by migration, every other table by row.
    VerifyResult v = Migrator.configure().source(db).target(new JdbcTarget(url)).build().verify();
    assertThat(v.exitCode()).as(v.toString()).isZero();
    // The next content type gets a fresh id: the sequence moved past SQLite's.
    assertThat(
            rows(
                url,
                "INSERT INTO django_content_type (app_label, model) VALUES ('x', 'y') RETURNING id"))
        .containsExactly("6");
  }

  @Test
  void aMigrationNotAppliedOnPostgresStopsTheRunBeforeAnythingIsWritten() throws Exception {
    String url = migrated("django_behind");
    exec(url, "DELETE FROM django_migrations WHERE app = 'shop'");
    Path db = Fixtures.build("django_bookkeeping", dir);
    List<String> before = rows(url, "SELECT id || model FROM django_content_type ORDER BY id");

    assertThatThrownBy(() -> migrator(db, url).build().migrate())
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(MigrationException.Code.SCHEMA);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "django_migrations: 1 migration applied on SQLite is not applied on"
                          + " PostgreSQL (shop.0001_initial): run your migrations on PostgreSQL"
                          + " first. Nothing was written.");
            });
    assertThat(rows(url, "SELECT id || model FROM django_content_type ORDER BY id"))
        .isEqualTo(before);
    assertThat(rows(url, "SELECT count(*)::text FROM auth_user")).containsExactly("0");
  }

  @Test
  void replaceEmptiesTheLoadedTablesAndRefusesToCascadeOutsideTheLoad() throws Exception {
    String url = migrated("django_replace");
    Path db = Fixtures.build("django_bookkeeping", dir);
    exec(url, "INSERT INTO auth_user (id, username) VALUES (7, 'made on postgres')");

    // auth_user_user_permissions references auth_user and is left out of the load: refused.
    assertThatThrownBy(
            () ->
                migrator(db, url)
                    .ifExists(IfExists.REPLACE)
                    .exclude(List.of("auth_user_user_permissions", "django_admin_log"))
                    .build()
                    .migrate())
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(MigrationException.Code.SCHEMA);
              assertThat(e.getMessage())
                  .contains(
                      "would also empty auth_user_user_permissions, django_admin_log, which"
                          + " reference them and are not loaded");
            });
    assertThat(rows(url, "SELECT username FROM auth_user")).containsExactly("made on postgres");

    MigrationResult r = migrator(db, url).ifExists(IfExists.REPLACE).build().migrate();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(rows(url, "SELECT username FROM auth_user ORDER BY id"))
        .containsExactly("admin", "clerk");
  }

  private static TableReport table(MigrationResult r, String name) {
    return r.tables().stream().filter(t -> t.sourceTable().equals(name)).findFirst().orElseThrow();
  }

  private static void exec(String url, String... statements) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static List<String> rows(String url, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
