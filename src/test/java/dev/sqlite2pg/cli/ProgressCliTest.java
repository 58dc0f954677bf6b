package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --progress=plain} on a real run: a line at each step's end on stderr, the steps'
 * durations in the text report and, in order, in the JSON report; {@code -q} prints none.
 */
@NeedsServer
class ProgressCliTest {

  @TempDir Path dir;

  private static final List<String> STEPS =
      List.of(
          "snapshot",
          "catalog",
          "plan",
          "framework",
          "schema",
          "copy",
          "post_data",
          "verify",
          "report");

  private String target(String name) {
    return TestPostgres.jdbcUrl(
        TestPostgres.newDatabase(name).replaceAll(".*/([^/?]+)\\?.*", "$1"));
  }

  @Test
  void plainProgressAndTheStepsInBothReports() throws Exception {
    Path db = Fixtures.build("shop", dir);
    Path report = dir.resolve("report.json");
    CliRun r =
        CliRun.run(
            "migrate",
            "--progress=plain",
            db.toString(),
            target("progress_cli"),
            "--report",
            report.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    for (String step : STEPS) {
      assertThat(r.err()).contains("progress: " + step + " finished in ");
    }
    assertThat(r.err()).contains("progress: copy finished in").contains("(13 rows, ");
    assertThat(r.err()).doesNotContain("\r");
    assertThat(r.out()).containsPattern("steps: snapshot [0-9.]+ s, catalog [0-9.]+ s, .*report");
    Matcher m =
        Pattern.compile("\\{\\s*\"name\" : \"([a-z_]+)\",\\s*\"seconds\" : [0-9.E-]+\\s*}")
            .matcher(Files.readString(report));
    List<String> names = m.results().map(x -> x.group(1)).toList();
    assertThat(names).isEqualTo(STEPS);
  }

  @Test
  void quietShowsNoProgressAndNoVerifyHasNoVerifyStep() throws Exception {
    Path db = Fixtures.build("shop", dir);
    CliRun r = CliRun.run("migrate", "-q", "--no-verify", db.toString(), target("progress_quiet"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("progress:");
    assertThat(r.out()).contains("steps: snapshot").doesNotContain("verify ").contains("report");
  }

  @Test
  void anUnknownModeIsExitCode2() {
    CliRun r = CliRun.run("migrate", "--progress=fancy", "x.db");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--progress takes auto, tty, plain or none, not 'fancy'");
  }
}
