package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrateOptions.IfExists;
import dev.sqlite2pg.testing.BadInputs;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running {@code migrate} into a target that already holds some of the rows (the
 * rerun_after_failure fixture): {@code --if-exists=skip-existing} adds only the rows whose key is
 * missing, the default {@code fail} names the keys both sides have and writes nothing.
 */
@NeedsServer
class IfExistsTest {

  private static final int TARGET_ERROR = 5;

  @TempDir Path dir;

  /** What the application wrote to SQLite after the first run. */
  private static final String LATER_WRITES =
      """
      INSERT INTO agents (email, name) VALUES ('new1@example.com', 'New One'),
        ('new2@example.com', 'New Two');
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
      INSERT INTO tickets (agent_id, subject, opened_at, priority) SELECT 21 + i % 2,
        'Later ticket ' || i, '2024-06-01 10:00:00', 2 FROM n;
      INSERT INTO ticket_tags SELECT id, 'printer' FROM tickets WHERE id > 500;
      INSERT INTO settings VALUES ('locale', 'de_CH');
      """;

  private Migrator.Builder migrator(Path db, String url) {
    return Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2);
  }

  /**
   * The state a re-run finds: attachments were left out of the first run, the tickets after 250
   * (and their tags) are missing, and the application wrote more rows since.
   */
  private Path partiallyLoaded(String url) throws Exception {
    Path db = Fixtures.build("rerun_after_failure", dir);
    MigrationResult first = migrator(db, url).exclude(List.of("attachments")).build().migrate();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    exec(
        url, "DELETE FROM ticket_tags WHERE ticket_id > 250", "DELETE FROM tickets WHERE id > 250");
    Fixtures.buildFromSql(LATER_WRITES, db);
    return db;
  }

  @Test
  void replaceEmptiesTheTablesThatExistLoadsEveryRowAndCreatesTheOthers() throws Exception {
    String url = TestPostgres.newDatabase("replace_existing");
    Path db = partiallyLoaded(url);
    exec(url, "UPDATE agents SET name = 'changed on postgres' WHERE id = 1");

    MigrationResult r = migrator(db, url).ifExists(IfExists.REPLACE).build().migrate();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(byTable(r, t -> t.copiedRows() + " copied, " + t.skippedExisting() + " skipped"))
        .containsEntry("agents", "22 copied, 0 skipped")
        .containsEntry("tickets", "530 copied, 0 skipped")
        .containsEntry("attachments", "50 copied, 0 skipped");
    assertThat(single(url, "SELECT count(*) FROM agents WHERE name = 'changed on postgres'"))
        .isZero();
    assertThat(IndependentCompare.differences(db, "tickets", "id", url, "tickets", "id")).isEmpty();
  }

  @Test
  void skipExistingAddsOnlyTheMissingRowsAndVerifiesEqual() throws Exception {
    String url = TestPostgres.newDatabase("skip_existing");
    Path db = partiallyLoaded(url);

    MigrationResult r =
        migrator(db, url)
            .ifExists(IfExists.SKIP_EXISTING)
            .exclude(List.of("audit_log"))
            .build()
            .migrate();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(byTable(r, t -> t.copiedRows() + " copied, " + t.skippedExisting() + " skipped"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "agents", "2 copied, 20 skipped",
                "tickets", "280 copied, 250 skipped",
                "ticket_tags", "330 copied, 300 skipped",
                "settings", "1 copied, 5 skipped",
                "attachments", "50 copied, 0 skipped"));
    assertThat(r.tables())
        .allSatisfy(
            t ->
                assertThat(t.verification())
                    .hasValueSatisfying(v -> assertThat(v.equal()).as(t.sourceTable()).isTrue()));
    assertThat(single(url, "SELECT count(*) - count(DISTINCT id) FROM tickets")).isZero();
    assertThat(single(url, "SELECT count(*) - count(DISTINCT (ticket_id, tag)) FROM ticket_tags"))
        .isZero();
    assertThat(single(url, "SELECT count(*) FROM tickets")).isEqualTo(530);
    // A second check that does not go through the tool's verify.
    assertThat(IndependentCompare.differences(db, "tickets", "id", url, "tickets", "id")).isEmpty();
    assertThat(
            single(
                url,
                "INSERT INTO tickets (agent_id, subject, opened_at)"
                    + " VALUES (1, 'after the migration', now()) RETURNING id"))
        .as("the identity sequence moved past the added tickets")
        .isEqualTo(531);
  }

  @Test
  void aSecondSkipExistingRunAddsNothingAndReportsEveryRowAsSkipped() throws Exception {
    String url = TestPostgres.newDatabase("skip_twice");
    Path db = partiallyLoaded(url);
    migrator(db, url)
        .ifExists(IfExists.SKIP_EXISTING)
        .exclude(List.of("audit_log"))
        .build()
        .migrate();
    Path report = dir.resolve("again.json");

    CliRun again =
        CliRun.run(
            "migrate",
            "-q",
            db.toString(),
            url,
            "--if-exists=skip-existing",
            "--exclude",
            "audit_log",
            "--report",
            report.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("SKIPPED  REJECTED")
        .containsPattern("tickets +530 +0 +530 +0 +OK")
        .contains(
            "OK: all 1238 rows of 5 tables are in the target (0 copied, 1238 already"
                + " there) and verified equal.");
    String json = Files.readString(report);
    assertThat(json).contains("\"skipped_existing\" : 530").contains("\"skipped_existing\" : 1238");
    assertThat(single(url, "SELECT count(*) FROM tickets")).isEqualTo(530);
  }

  @Test
  void resumingASkipExistingRunReportsWhatTheCommittedTablesSkipped() throws Exception {
    String url = TestPostgres.newDatabase("skip_resume");
    Path db = partiallyLoaded(url);
    migrator(db, url)
        .ifExists(IfExists.SKIP_EXISTING)
        .exclude(List.of("audit_log"))
        .build()
        .migrate();
    // What a kill -9 before the settings table committed leaves: the run still running, the
    // table not marked copied and without the row this run added.
    String last = "(SELECT max(run_id) FROM sqlite2pg.runs)";
    exec(
        url,
        "UPDATE sqlite2pg.runs SET status = 'running', finished_at = NULL"
            + " WHERE run_id = "
            + last,
        "UPDATE sqlite2pg.tables SET copied_at = NULL, copied_rows = NULL, skipped_rows = NULL"
            + " WHERE source_table = 'settings' AND run_id = "
            + last,
        "DELETE FROM settings WHERE key = 'locale'");

    MigrationResult r =
        migrator(db, url)
            .ifExists(IfExists.SKIP_EXISTING)
            .exclude(List.of("audit_log"))
            .resume(true)
            .build()
            .migrate();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(byTable(r, t -> t.copiedRows() + " copied, " + t.skippedExisting() + " skipped"))
        .containsEntry("settings", "1 copied, 5 skipped")
        .containsEntry("tickets", "280 copied, 250 skipped");
  }

  @Test
  void failNamesTheConflictingKeysAndWritesNothing() throws Exception {
    String url = TestPostgres.newDatabase("fail_keys");
    Path db = Fixtures.build("rerun_after_failure", dir);
    assertThat(migrator(db, url).build().migrate().exitCode()).isZero();
    exec(
        url,
        "DELETE FROM ticket_tags WHERE ticket_id NOT IN (2, 7, 9, 11)",
        "DELETE FROM attachments WHERE ticket_id NOT IN (2, 7, 9, 11)",
        "DELETE FROM tickets WHERE id NOT IN (2, 7, 9, 11)");
    String before = contents(url);

    CliRun run = CliRun.run("migrate", db.toString(), url);

    String line =
        BadInputs.assertOneLine(
            run,
            TARGET_ERROR,
            "agents: 20 of 20 source keys already in the target (id=1, id=2, id=3, ...)",
            "tickets: 4 of 500 source keys already in the target (id=2, id=7, id=9, ...)",
            "ticket_tags: 4 of 600 source keys already in the target ((ticket_id, tag)=(2, 'printer'),"
                + " (ticket_id, tag)=(7, 'printer'), (ticket_id, tag)=(9, 'printer'), ...)",
            "3 more tables hold rows",
            ": pass --if-exists=skip-existing to load only the missing rows, or --drop to replace"
                + " the tables");
    assertThat(line).doesNotContain("settings:");
    assertThat(contents(url)).as("nothing written, not even a run record").isEqualTo(before);
  }

  @Test
  void tablesThatMerelyExistAreRefusedAsBeforeNamingSkipExisting() throws Exception {
    String url = TestPostgres.newDatabase("fail_empty");
    Path db = Fixtures.build("rerun_after_failure", dir);
    exec(url, "CREATE TABLE agents (id bigint, email text, name text)");
    String before = contents(url);

    CliRun run = CliRun.run("migrate", db.toString(), url);

    BadInputs.assertOneLine(
        run,
        TARGET_ERROR,
        "target already has table agents in schema"
            + " public: pass --drop to replace them, --if-exists=skip-existing to load into them only"
            + " the rows they lack, or --schema to load elsewhere");
    assertThat(contents(url)).isEqualTo(before);
    // The advice works: the empty table is loaded, the others created.
    MigrationResult r = migrator(db, url).ifExists(IfExists.SKIP_EXISTING).build().migrate();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.skippedExisting()).isZero();
  }

  @Test
  void aTableWithoutKeyThatHoldsRowsIsRefusedInOneLineBeforeWriting() throws Exception {
    String url = TestPostgres.newDatabase("skip_keyless");
    Path db = partiallyLoaded(url);
    String before = contents(url);

    CliRun run = CliRun.run("migrate", db.toString(), url, "--if-exists=skip-existing");

    BadInputs.assertOneLine(
        run,
        TARGET_ERROR,
        "--if-exists=skip-existing cannot tell which rows"
            + " of audit_log the target already holds: the table has no primary key, and"
            + " public.audit_log holds rows; leave it out with --exclude audit_log, or empty it"
            + " (TRUNCATE) to load it whole");
    assertThat(contents(url)).isEqualTo(before);
    // Emptied, it is loaded whole: without rows there is nothing to tell apart.
    exec(url, "TRUNCATE audit_log");
    MigrationResult r = migrator(db, url).ifExists(IfExists.SKIP_EXISTING).build().migrate();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(byTable(r, t -> t.copiedRows() + "/" + t.skippedExisting()))
        .containsEntry("audit_log", "300/0");
  }

  @Test
  void dropContradictsIfExistsInTheLibraryToo() {
    Migrator.Builder b =
        Migrator.configure()
            .source(dir.resolve("x.db"))
            .target(new JdbcTarget("jdbc:postgresql://localhost:1/x"))
            .drop(true);
    assertThatThrownBy(() -> b.ifExists(IfExists.SKIP_EXISTING).build())
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> assertThat(e.code()).isEqualTo(MigrationException.Code.BAD_ARGUMENTS))
        .hasMessageContaining("--drop replaces the tables: pass one or the other");
    assertThatThrownBy(() -> b.ifExists(IfExists.FAIL).build())
        .hasMessageContaining("--if-exists=fail has no effect with --drop");
    assertThat(b.ifExists(null).build().options().ifExists()).isEqualTo(IfExists.FAIL);
  }

  // A sensor application's own schema, stricter than its SQLite data (see RefusedRowsTest),
  // half loaded by an earlier attempt.
  private static final String SENSOR_SOURCE =
      """
      CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE readings (id INTEGER PRIMARY KEY, device_id INTEGER, severity REAL);
      INSERT INTO devices VALUES (1, 'a'), (2, 'b');
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO readings SELECT i, 1 + i % 2, (i % 10) / 10.0 FROM n;
      UPDATE readings SET severity = 1.5 WHERE id IN (17, 4999);
      UPDATE readings SET device_id = 9 WHERE id = 4000;
      """;

  private static final String SENSOR_SCHEMA =
      """
      CREATE TABLE devices (id bigint PRIMARY KEY, name text);
      CREATE TABLE readings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        device_id bigint REFERENCES devices(id), severity double precision CHECK (severity <= 1));
      INSERT INTO devices VALUES (1, 'a'), (2, 'b');
      INSERT INTO readings OVERRIDING SYSTEM VALUE
        SELECT i, 1 + i % 2, (i % 10) / 10.0 FROM generate_series(1, 2500) i;
      """;

  private String sensorTarget(String hint) throws Exception {
    String url = TestPostgres.newDatabase(hint);
    exec(url, SENSOR_SCHEMA);
    return url;
  }

  @Test
  void rowsTheApplicationsSchemaRefusesCostOnlyThemselves() throws Exception {
    Path db = Fixtures.buildFromSql(SENSOR_SOURCE, dir.resolve("sensor.db"));
    String url = sensorTarget("skip_refused");

    CliRun refused = CliRun.run("migrate", db.toString(), url, "--data-only");
    // devices holds the source's two rows exactly: identical rows are not a conflict.
    BadInputs.assertOneLine(
        refused,
        TARGET_ERROR,
        "readings: 2500 of 5000 source keys already in the target (id=1,"
            + " id=2, id=3, ...): pass --if-exists=skip-existing to load only the missing rows, or"
            + " empty the tables (TRUNCATE) to load them whole");
    assertThat(single(url, "SELECT count(*) FROM readings")).isEqualTo(2500);

    MigrationResult r =
        migrator(db, url)
            .dataOnly(true)
            .ifExists(IfExists.SKIP_EXISTING)
            .batchSize(1000)
            .build()
            .migrate();

    TableReport readings = table(r, "readings");
    // Row 17 breaks the CHECK too, but the target holds its key: skipped, not refused.
    assertThat(readings.rejected())
        .extracting(RejectedRow::key)
        .containsExactlyInAnyOrder("id=4000", "id=4999");
    assertThat(readings.rejected())
        .filteredOn(x -> x.key().equals("id=4999"))
        .singleElement()
        .satisfies(x -> assertThat(x.column()).isEqualTo("constraint readings_severity_check"));
    assertThat(readings.copiedRows()).isEqualTo(2498);
    assertThat(readings.skippedExisting()).isEqualTo(2500);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(single(url, "SELECT count(*) FROM readings")).isEqualTo(4998);
  }

  @Test
  void abortRollsBackTheTableAtTheFirstRefusedRow() throws Exception {
    Path db = Fixtures.buildFromSql(SENSOR_SOURCE, dir.resolve("sensor.db"));
    String url = sensorTarget("skip_abort");

    MigrationResult r =
        migrator(db, url)
            .dataOnly(true)
            .ifExists(IfExists.SKIP_EXISTING)
            .onError(OnError.ABORT)
            .build()
            .migrate();

    TableReport readings = table(r, "readings");
    assertThat(readings.error())
        .hasValueSatisfying(e -> assertThat(e).contains("--on-error=abort"));
    assertThat(readings.rejected()).hasSize(1);
    assertThat(readings.copiedRows()).isZero();
    assertThat(readings.skippedExisting()).isZero();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(single(url, "SELECT count(*) FROM readings")).isEqualTo(2500);
  }

  private static TableReport table(MigrationResult r, String name) {
    return r.tables().stream().filter(t -> t.sourceTable().equals(name)).findFirst().orElseThrow();
  }

  private static Map<String, String> byTable(
      MigrationResult r, java.util.function.Function<TableReport, String> what) {
    return r.tables().stream().collect(Collectors.toMap(TableReport::sourceTable, what));
  }

  private static void exec(String url, String... statements) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static long single(String url, String sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every table of the target, run state included, as counts and hashes of its rows. */
  private static String contents(String url) throws SQLException {
    List<String> tables = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT format('%I.%I', schemaname, tablename)"
                  + " FROM pg_tables WHERE schemaname IN ('public', 'sqlite2pg') ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*), md5(coalesce(string_agg(x::text,"
                    + " '|' ORDER BY x::text), '')) FROM "
                    + t
                    + " x")) {
          rs.next();
          out.append(t)
              .append(' ')
              .append(rs.getLong(1))
              .append(' ')
              .append(rs.getString(2))
              .append('\n');
        }
      }
    }
    return out.toString();
  }
}
