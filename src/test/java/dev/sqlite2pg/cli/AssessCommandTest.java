package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sqlite2pg assess}: the three report forms and the options, without a server. */
class AssessCommandTest {

  @TempDir Path dir;

  @Test
  void textStartsWithTheSummaryAndEndsWithTheRule() {
    Path db = Fixtures.build("untranslatable_view", dir);
    CliRun r = CliRun.run("assess", "-q", "--sample", "50ms", db.toString());
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("sqlite2pg assess: ").endsWith("(8 KB, 1 tables, 2 rows)");
    assertThat(lines.get(1)).isEqualTo("Migration level: needs rewriting");
    assertThat(lines.get(2)).isEqualTo("Findings: 1 needs rewriting; 2 automatic");
    assertThat(r.out())
        .contains("  needs rewriting          view         event_epochs [untranslatable_view]")
        .contains(
            "      | CREATE VIEW event_epochs AS SELECT id, unixepoch(at) AS epoch FROM events")
        .contains("  Rule: units per finding: automatic 0,");
  }

  @Test
  void jsonHasStableSnakeCaseFields() throws Exception {
    Path db = Fixtures.build("orphaned_fks", dir);
    CliRun r = CliRun.run("assess", "-q", "--format", "json", "--sample", "50ms", db.toString());
    assertThat(r.exitCode()).isZero();
    Map<?, ?> j = (Map<?, ?>) read(r.out());
    assertThat(j.get("level")).isEqualTo("decision");
    assertThat(j.get("level_label")).isEqualTo("needs a decision");
    assertThat(j.get("rows")).isEqualTo("7");
    assertThat(((Map<?, ?>) j.get("time")).get("rows_measured")).isEqualTo("7");
    assertThat((String) ((Map<?, ?>) j.get("estimate")).get("rule"))
        .startsWith("units per finding");
    Map<?, ?> orphans =
        ((List<?>) j.get("findings"))
            .stream()
                .map(f -> (Map<?, ?>) f)
                .filter(f -> f.get("hazard").equals("orphaned_rows"))
                .findFirst()
                .orElseThrow();
    assertThat(new ArrayList<Object>(orphans.keySet()))
        .containsExactly(
            (Object) "kind",
            "object",
            "hazard",
            "level",
            "level_label",
            "reason",
            "count",
            "examples",
            "sql");
    assertThat(orphans.get("object")).isEqualTo("books(author_id) -> authors");
    assertThat(orphans.get("count")).isEqualTo("2");
    assertThat(orphans.get("examples")).isEqualTo(List.of("rowid 3", "rowid 4"));
    assertThat(j.get("checks")).isEqualTo(List.of());
    assertThat(j.get("target")).isNull();
    assertThat(j.containsKey("target")).isTrue();
  }

  /** JSON as maps, lists and scalars as text (null as null). */
  private static Object read(String json) throws Exception {
    return dev.sqlite2pg.testing.JsonTree.read(json);
  }

  @Test
  void htmlIsOneSelfContainedPageWrittenToTheOutputFile() throws Exception {
    Path db = Fixtures.build("triggers", dir);
    Path page = dir.resolve("assess.html");
    CliRun r =
        CliRun.run("assess", "-q", "--format", "html", "--output", page.toString(), db.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("sqlite2pg: wrote the html assessment to " + page);
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<span id=\"overall\" class=\"level level-rewrite\">needs rewriting</span>")
        .contains("<tr class=\"finding\" data-level=\"rewrite\">")
        .contains("notes_audit")
        .contains("CREATE TRIGGER notes_audit AFTER INSERT ON notes")
        .doesNotContain("{{")
        .doesNotContainPattern("(src|href)=\"https?:");
  }

  @Test
  void codeDirectoriesAreCollected() {
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    AssessCommand cmd =
        (AssessCommand)
            cl.parseArgs(
                    "assess", "app.db", "--code", "web", "worker", "--target", "postgresql://h/d")
                .subcommand()
                .commandSpec()
                .userObject();
    assertThat(cmd.code).containsExactly(Path.of("web"), Path.of("worker"));
    assertThat(cmd.target).isEqualTo("postgresql://h/d");
    assertThat(cmd.format).isEqualTo(AssessCommand.Format.TEXT);
  }

  /** The Flask tutorial's code (BSD-3, see src/test/resources/assess/code/README.md). */
  @Test
  void codeFindingsArePrintedWithFileAndLine() throws Exception {
    Path db = Fixtures.build("views", dir);
    Path code = Path.of("src/test/resources/assess/code/real/flaskr");
    CliRun text =
        CliRun.run("assess", "-q", "--sample", "50ms", db.toString(), "--code", code.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("blog.py:22").contains("db.py:");
    CliRun json =
        CliRun.run(
            "assess",
            "-q",
            "--format",
            "json",
            "--sample",
            "50ms",
            db.toString(),
            "--code",
            code.toString());
    assertThat(json.out()).contains("\"line\" : 22");
  }

  @Test
  void aCodeDirectoryThatIsNotOneIsABadArgument() {
    Path db = Fixtures.build("views", dir);
    CliRun r =
        CliRun.run("assess", "-q", db.toString(), "--code", dir.resolve("nowhere").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).contains("is not a directory");
  }

  @Test
  void anUnknownFormatIsABadArgument() {
    List<String> args = new ArrayList<>(List.of("assess", "--format", "pdf", "x.db"));
    assertThat(CliRun.run(args.toArray(String[]::new)).exitCode()).isEqualTo(2);
  }
}
