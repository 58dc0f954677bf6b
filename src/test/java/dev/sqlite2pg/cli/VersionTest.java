package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code sqlite2pg --version}: the build's line and each component as it reports itself. */
class VersionTest {

  @Test
  void theFirstLineNamesTheVersionAndTheCommitTheBuildSaw() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().lines().toList();
    // Tests run from target/classes, with the build.properties the build filtered: in a checkout
    // git-commit-id filled in the commit; from a source archive it says so.
    String commit = Files.exists(Path.of(".git")) ? "[0-9a-f]{7}, \\d{4}-\\d{2}-\\d{2}" : "unknown";
    assertThat(lines.get(0))
        .matches("sqlite2pg \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit " + commit + "\\)");
  }

  @Test
  void eachComponentReportsItsOwnVersion() {
    String out = CliRun.run("--version").out();
    assertThat(out)
        .containsPattern("\n  SQLite 3\\.\\d+\\.\\d+ \\(sqlite-jdbc 3\\.\\d+\\.\\d+\\.\\d+\\)\n")
        .contains("\n  pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION + "\n")
        .contains(
            "\n  Java "
                + System.getProperty("java.runtime.version")
                + " ("
                + System.getProperty("java.vendor")
                + ")\n")
        .contains("\n  OS " + System.getProperty("os.name") + " ");
    boolean bundled =
        Version.class.getClassLoader().getResource("postgres-linux-x86_64.txz") != null;
    boolean here = "amd64".equals(System.getProperty("os.arch"));
    if (bundled && here) {
      assertThat(out).containsPattern("\n  embedded PostgreSQL \\d+\\.\\d+\\.\\d+\n");
    } else {
      assertThat(out).contains("\n  embedded PostgreSQL not bundled for ");
    }
  }

  @Test
  void aBuildWithoutGitSaysCommitUnknown() {
    // What resource filtering leaves in a source archive: the git properties unreplaced.
    Properties p = new Properties();
    p.setProperty("version", "0.1.0");
    p.setProperty("commit", "${git.commit.id.abbrev}");
    p.setProperty("commit.date", "${git.commit.time}");
    assertThat(BuildInfo.of(p).line()).isEqualTo("sqlite2pg 0.1.0 (commit unknown)");
    assertThat(BuildInfo.of(new Properties()).line())
        .isEqualTo("sqlite2pg unknown (commit unknown)");
  }
}
