package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a new user meets first: errors, suggestions, bare commands and help (issue 17). */
class UsageTest {

  @Test
  void aTopLevelErrorNamesTheToolOnce() {
    CliRun r = CliRun.run("--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).last().isEqualTo("Try 'sqlite2pg --help' for the options.");
  }

  @Test
  void aSubcommandErrorNamesTheSubcommandsHelp() {
    assertThat(CliRun.run("plan", "--bogus", "x.db").errLines())
        .last()
        .isEqualTo("Try 'sqlite2pg plan --help' for the options.");
    assertThat(CliRun.run("sync", "start").errLines())
        .containsExactly(
            "sqlite2pg: Missing required parameter: 'SOURCE'",
            "Try 'sqlite2pg sync start --help' for the options.");
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    CliRun r = CliRun.run("migrat", "x.db");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .containsExactly(
            "sqlite2pg: unknown command 'migrat'",
            "Did you mean: sqlite2pg migrate?",
            "Try 'sqlite2pg --help' for the options.");
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    CliRun r = CliRun.run("migrate", "x.db", "--jbos", "3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "sqlite2pg: Unknown option: '--jbos'",
            "Did you mean: --jobs?",
            "Try 'sqlite2pg migrate --help' for the options.");
    assertThat(CliRun.run("verify", "x.db", "--schmea", "s").errLines())
        .contains("Did you mean: --schema?");
    assertThat(CliRun.run("--verison").errLines()).contains("Did you mean: --version?");
  }

  @Test
  void anOptionFarFromEveryNameGetsNoGuess() {
    CliRun r = CliRun.run("migrate", "x.db", "--zzzzzz");
    assertThat(r.errLines())
        .containsExactly(
            "sqlite2pg: Unknown option: '--zzzzzz'",
            "Try 'sqlite2pg migrate --help' for the options.");
  }

  @Test
  void bareSqlite2pgPrintsTheUsageOnStderrAndExits2() {
    CliRun r = CliRun.run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Usage: sqlite2pg [-hV] [COMMAND]").contains("  migrate  ");
    assertThat(r.errLines())
        .last()
        .isEqualTo("sqlite2pg: missing command: give one of the commands above.");
    // generate-completion is for the build and for scripts, not a migration command.
    assertThat(r.err()).doesNotContain("generate-completion");
  }

  @Test
  void bareSyncPrintsItsUsageToo() {
    CliRun r = CliRun.run("sync");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("Usage: sqlite2pg sync [-hV] [COMMAND]").contains("  start  ");
  }

  @Test
  void mergeAndSchemaPerFileAreExclusive() {
    CliRun r = CliRun.run("migrate", "a.db", "b.db", "--merge", "--schema-per-file");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "sqlite2pg: --schema-per-file, --merge are mutually exclusive (specify only one)",
            "Try 'sqlite2pg migrate --help' for the options.");
  }

  @Test
  void baselineAndOutputGoTogether() {
    CliRun r = CliRun.run("schema", "x.db", "--baseline", "flyway");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "sqlite2pg: Missing required argument(s): --output=DIR",
            "Try 'sqlite2pg schema --help' for the options.");
  }

  /** The wording of migrate's copy, which issue 17 found in verify's help. */
  private static final List<String> COPY_WORDS =
      List.of(
          "copied in parallel", "Rows per COPY", "created if missing", "Load into", "Load only");

  @Test
  void verifyPlanAndSchemaHelpSayWhatTheyDo() {
    for (String command : List.of("verify", "plan", "schema")) {
      String help = CliRun.run(command, "--help").out();
      for (String words : COPY_WORDS) {
        assertThat(help).as(command + " --help").doesNotContain(words);
      }
    }
    String verify = CliRun.run("verify", "--help").out().replaceAll("\\s+", " ");
    assertThat(verify)
        .contains("-j, --jobs=N Tables compared at once")
        .contains("--schema=NAME Target schema to compare with (default: public).")
        .contains("--batch-size=ROWS Not used by verify");
    String plan = CliRun.run("plan", "--help").out().replaceAll("\\s+", " ");
    assertThat(plan).contains("-j, --jobs=N Tables profiled and probed at once");
    String schema = CliRun.run("schema", "--help").out().replaceAll("\\s+", " ");
    assertThat(schema).contains("--section=SECTION pre-data, post-data, all (default: all)");
  }

  @Test
  void migrateKeepsItsOwnWording() {
    String migrate = CliRun.run("migrate", "--help").out().replaceAll("\\s+", " ");
    assertThat(migrate)
        .contains("--schema=NAME Target schema, created if missing (default: public).")
        .contains("--batch-size=ROWS Rows per COPY statement");
  }
}
