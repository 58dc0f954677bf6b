package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The completion script and the man pages the build generates (pom.xml, process-classes): they
 * exist where the "dist" archives take them from, bash can load the script and it completes, and
 * the pages render.
 */
class GeneratedDocsTest {

  /** target/ (or -DbuildDir=...): the parent of target/test-classes. */
  private static final Path BUILD = buildDirectory();

  private static final Path COMPLETION = BUILD.resolve("completion/sqlite2pg_completion");

  @Test
  void bashLoadsTheCompletionScript() throws Exception {
    assertThat(COMPLETION).isRegularFile();
    String complete = bash("source " + COMPLETION + "; complete -p sqlite2pg");
    assertThat(complete.strip()).startsWith("complete ").endsWith(" sqlite2pg");
  }

  @Test
  void itCompletesCommandsOptionsAndSections() throws Exception {
    assertThat(completions("sqlite2pg mig")).isEqualTo("migrate");
    assertThat(completions("sqlite2pg verify --sch"))
        .contains("--schema")
        .contains("--schema-per-file");
    assertThat(completions("sqlite2pg schema x.db --section ")).isEqualTo("pre-data post-data all");
    assertThat(completions("sqlite2pg sync s"))
        .contains("start")
        .contains("status")
        .contains("stop");
  }

  @Test
  void everyCommandHasAManPage() {
    for (String page :
        new String[] {
          "sqlite2pg.1",
          "sqlite2pg-migrate.1",
          "sqlite2pg-plan.1",
          "sqlite2pg-verify.1",
          "sqlite2pg-schema.1",
          "sqlite2pg-sync.1",
          "sqlite2pg-sync-start.1",
          "sqlite2pg-cutover.1",
          "sqlite2pg-rollback.1",
          "sqlite2pg-doctor.1",
          "sqlite2pg-prepare.1",
          "sqlite2pg-assess.1"
        }) {
      assertThat(BUILD.resolve("man").resolve(page)).isRegularFile();
    }
  }

  @Test
  void aManPageIsTroffWithTheCommandsOptions() throws IOException {
    String troff =
        Files.readString(BUILD.resolve("man/sqlite2pg-verify.1"), StandardCharsets.UTF_8);
    assertThat(troff)
        .contains(".TH \"SQLITE2PG\\-VERIFY\" \"1\"")
        .contains("Tables compared at once");
  }

  @Test
  void manRendersAPage() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man is not installed here");
    Process p =
        new ProcessBuilder("man", "-l", BUILD.resolve("man/sqlite2pg-migrate.1").toString())
            .redirectErrorStream(true)
            .start();
    String page = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(page).isZero();
    assertThat(page.replaceAll(".\b", "")).contains("sqlite2pg-migrate").contains("--if-exists");
  }

  private static Path buildDirectory() {
    try {
      return Path.of(
              GeneratedDocsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What bash completes for a command line ending in the word being typed, as bash would call the
   * script on TAB; compopt, which only works inside a real completion, does nothing here.
   */
  private static String completions(String line) throws Exception {
    String words = line.endsWith(" ") ? line + "''" : line;
    return bash("source "
            + COMPLETION
            + "; compopt() { :; }; COMP_WORDS=("
            + words
            + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE='"
            + line
            + "'; COMP_POINT=${#COMP_LINE}; _complete_sqlite2pg; echo \"${COMPREPLY[*]}\"")
        .strip();
  }

  private static String bash(String script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("BASH_ENV");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
