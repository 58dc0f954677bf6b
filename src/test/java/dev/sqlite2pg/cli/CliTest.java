package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: argument errors need no database; one real run checks the report file. */
@NeedsServer
class CliTest {

  @TempDir Path dir;

  @Test
  void anUnknownOptionIsExitCode2WithAHint() {
    CliRun r = CliRun.run("migrate", "x.db", "--jbos", "3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--jbos'").contains("sqlite2pg migrate --help");
  }

  @Test
  void badValuesAreExitCode2WithOneLine() throws Exception {
    Path db = Fixtures.build("shop", dir);
    CliRun jobs =
        CliRun.run("migrate", db.toString(), "jdbc:postgresql://localhost:1/x", "--jobs", "0");
    assertThat(jobs.exitCode()).isEqualTo(2);
    assertThat(jobs.err().strip()).isEqualTo("sqlite2pg: error: --jobs must be 1 to 64, not 0");
    CliRun cast = CliRun.run("plan", db.toString(), "--cast", "price=money");
    assertThat(cast.exitCode()).isEqualTo(2);
    assertThat(cast.err()).contains("unknown PostgreSQL type 'money' in --cast");
    CliRun only = CliRun.run("plan", db.toString(), "--only", "shop");
    assertThat(only.exitCode()).isEqualTo(2);
    assertThat(only.err()).contains("pass --config FILE.yaml too");
    CliRun tz = CliRun.run("plan", db.toString(), "--source-timezone", "Mars/Olympus");
    assertThat(tz.exitCode()).isEqualTo(2);
    assertThat(tz.err()).contains("is not a time zone");
  }

  @Test
  void ifExistsThatContradictsDropIsExitCode2WithOneLine() throws Exception {
    Path db = Fixtures.build("shop", dir);
    String url = "jdbc:postgresql://localhost:1/x";
    CliRun skip = CliRun.run("migrate", db.toString(), url, "--if-exists=skip-existing", "--drop");
    assertThat(skip.exitCode()).isEqualTo(2);
    assertThat(skip.err().strip())
        .isEqualTo(
            "sqlite2pg: error: --if-exists=skip-existing keeps"
                + " the rows the target's tables hold and --drop replaces the tables: pass one or the"
                + " other");
    CliRun fail = CliRun.run("migrate", db.toString(), url, "--if-exists", "FAIL", "--drop");
    assertThat(fail.exitCode()).isEqualTo(2);
    assertThat(fail.err().strip())
        .isEqualTo(
            "sqlite2pg: error: --if-exists=fail has no effect"
                + " with --drop, which replaces the tables whatever they hold: pass one or the other");
    // --drop with a mode that keeps what the target holds: refused before connecting.
    CliRun dataOnly = CliRun.run("migrate", db.toString(), url, "--data-only", "--drop");
    assertThat(dataOnly.exitCode()).isEqualTo(2);
    assertThat(dataOnly.err().strip())
        .isEqualTo(
            "sqlite2pg: error: --data-only loads into the"
                + " tables the application created and --drop replaces them with sqlite2pg's own: pass"
                + " one or the other");
    CliRun resume = CliRun.run("migrate", db.toString(), url, "--resume", "--drop");
    assertThat(resume.exitCode()).isEqualTo(2);
    assertThat(resume.err().strip())
        .startsWith("sqlite2pg: error: --resume continues the" + " interrupted run")
        .contains("pass --resume alone")
        .doesNotContain("\n");
    CliRun bad = CliRun.run("migrate", db.toString(), url, "--if-exists=skip");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains(
            "Invalid value for option '--if-exists': expected fail, skip-existing or"
                + " replace, not 'skip'");
    CliRun runbook = CliRun.run("migrate", db.toString(), url, "--skip-existing");
    assertThat(runbook.exitCode()).isEqualTo(2);
    assertThat(runbook.err().strip())
        .startsWith("sqlite2pg: error: --skip-existing is spelled" + " --if-exists=skip-existing")
        .doesNotContain("\n");
  }

  @Test
  void aMissingSourceIsExitCode4() {
    CliRun r = CliRun.run("plan", dir.resolve("nope.db").toString());
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).startsWith("sqlite2pg: error: SQLite file ").contains("does not exist");
  }

  @Test
  void migrateWritesTheJsonReportScriptsRead() throws Exception {
    Path db = Fixtures.build("shop", dir);
    Path report = dir.resolve("report.json");
    CliRun r =
        CliRun.run(
            "migrate",
            "-q",
            db.toString(),
            TestPostgres.jdbcUrl(
                TestPostgres.newDatabase("cli").replaceAll(".*/([^/?]+)\\?.*", "$1")),
            "--report",
            report.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("OK: all 13 rows of 4 tables arrived and verified equal.");
    String json = Files.readString(report);
    for (String field :
        new String[] {
          "\"source_table\"",
          "\"target_table\"",
          "\"source_rows\"",
          "\"copied_rows\"",
          "\"rejected_rows\"",
          "\"bytes\"",
          "\"seconds\"",
          "\"warnings\"",
          "\"not_migrated\"",
          "\"totals\"",
          "\"verification\"",
          "\"target_column\"",
          "\"exit_code\" : 0"
        }) {
      assertThat(json).contains(field);
    }
  }
}
