package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema --baseline}: the shop migrated, then Flyway and Liquibase (their own Java APIs, as
 * their command lines run them) told it is at the baseline, and the same files run on an empty
 * database to build the schema. Alembic's baseline is checked in scenarios/baseline.
 */
@NeedsServer
class BaselineTest {

  @TempDir Path dir;
  private Path shop;
  private Path out;

  @BeforeEach
  void source() {
    shop = Fixtures.build("shop", dir);
    out = dir.resolve("baseline");
  }

  private String migrated() {
    String url = TestPostgres.newDatabase("baseline");
    CliRun r = CliRun.run("migrate", "-q", shop.toString(), url);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return url;
  }

  private CliRun baseline(String tool) {
    CliRun r =
        CliRun.run("schema", shop.toString(), "--baseline", tool, "--output", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  private Flyway flyway(String url, boolean baselineOnMigrate) {
    return Flyway.configure()
        .dataSource(url, "postgres", "")
        .locations("filesystem:" + out)
        .baselineOnMigrate(baselineOnMigrate)
        .baselineVersion("1")
        .load();
  }

  @Test
  void flywayBaselineShowsVersionOneAsBaselineAndNothingPending() throws Exception {
    CliRun r = baseline("flyway");
    assertThat(r.out()).contains("wrote " + out.resolve("V1__baseline.sql"));
    assertThat(Files.readString(out.resolve("V1__baseline.sql")))
        .contains("CREATE TABLE \"public\".\"customers\"");

    String url = migrated();
    flyway(url, false).baseline(); // flyway baseline
    MigrationInfoService info = flyway(url, false).info();
    assertThat(info.current().getVersion().getVersion()).isEqualTo("1");
    assertThat(info.current().getState()).isEqualTo(MigrationState.BASELINE);
    assertThat(info.pending()).isEmpty();
    assertThat(flyway(url, false).migrate().migrationsExecuted).isZero();

    String onMigrate = migrated();
    assertThat(flyway(onMigrate, true).migrate().migrationsExecuted).isZero();
    assertThat(flyway(onMigrate, true).info().current().getState())
        .isEqualTo(MigrationState.BASELINE);

    String empty = TestPostgres.newDatabase("flyway_empty");
    assertThat(flyway(empty, false).migrate().migrationsExecuted).isOne();
    assertThat(flyway(empty, false).info().current().getState()).isEqualTo(MigrationState.SUCCESS);
    assertThat(tables(empty)).isEqualTo(4);
  }

  @Test
  void liquibaseChangelogSyncLeavesNothingToApply() throws Exception {
    CliRun r = baseline("liquibase");
    assertThat(r.out()).contains("changelog-sync");
    String url = migrated();
    assertThat(liquibase("status", url)).contains("1 changeset has not been applied");
    liquibase("changelogSync", url);
    assertThat(liquibase("status", url)).contains("is up to date");
    assertThat(tables(url)).isEqualTo(4);

    String empty = TestPostgres.newDatabase("liquibase_empty");
    liquibase("update", empty);
    assertThat(tables(empty)).isEqualTo(4);
    assertThat(liquibase("status", empty)).contains("is up to date");
  }

  @Test
  void alembicRevisionHoldsTheSchemaAndItsDrop() throws Exception {
    baseline("alembic");
    String revision = Files.readString(out.resolve("sqlite2pg_baseline.py"));
    assertThat(revision)
        .contains("revision = \"sqlite2pg_baseline\"")
        .contains("down_revision = None")
        .contains("CREATE TABLE \\\"public\\\".\\\"customers\\\"")
        .contains(
            "DROP TABLE IF EXISTS \\\"public\\\".\\\"customers\\\", \\\"public\\\".\\\"products\\\"");
  }

  @Test
  void refusesABaselineOfOneSection() {
    CliRun r =
        CliRun.run(
            "schema",
            shop.toString(),
            "--baseline",
            "flyway",
            "--output",
            out.toString(),
            "--section",
            "pre-data");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("leave out --section");
  }

  /** A Liquibase command as its command line runs it, with what it printed. */
  private String liquibase(String command, String url) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Connection c = TestPostgres.connect(url)) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      Scope.child(
          Scope.Attr.resourceAccessor.name(),
          new DirectoryResourceAccessor(out),
          () ->
              new CommandScope(command)
                  .addArgumentValue("database", database)
                  .addArgumentValue("changelogFile", "changelog.xml")
                  .setOutput(printed)
                  .execute());
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static long tables(String url) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename IN ('customers', 'products', 'orders', 'order_lines')")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
