package dev.sqlite2pg.assess.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.CodeFinding;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry point: what it reads, what it skips, what a finding says, and in what order. */
class CodeScannerTest {

  @TempDir Path app;

  private void write(String name, String content) throws IOException {
    Path file = app.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void aFindingSaysWhereWhatAndWhatToWriteInstead() throws IOException {
    write("app/db.py", "def f(db):\n    db.execute(\"SELECT IFNULL(a, 0) FROM t\")\n");

    List<CodeFinding> findings = CodeScanner.scan(List.of(app));

    assertThat(findings).hasSize(1);
    CodeFinding f = findings.get(0);
    assertThat(f.file()).isEqualTo(app.resolve("app/db.py"));
    assertThat(f.line()).isEqualTo(2);
    assertThat(f.construct()).isEqualTo("IFNULL(");
    assertThat(f.postgres()).contains("ifnull does not exist");
    assertThat(f.replacement()).contains("COALESCE");
    assertThat(f.level()).isEqualTo(MigrationLevel.REWRITE);
  }

  @Test
  void dependencyBuildAndVersionControlDirectoriesAreNotRead() throws IOException {
    String sql = "INSERT OR REPLACE INTO t VALUES (1);\n";
    for (String dir : List.of(".git", "node_modules", "venv", ".venv", "target", "build", "dist")) {
      write(dir + "/x.sql", sql);
    }
    write("src/schema.sql", sql);

    assertThat(CodeScanner.scan(List.of(app)))
        .extracting(CodeFinding::file)
        .containsExactly(app.resolve("src/schema.sql"));
  }

  @Test
  void binaryFilesAreSkippedAndHugeFilesReportedNotRead() throws IOException {
    Files.write(app.resolve("blob.sql"), new byte[] {'P', 'R', 'A', 'G', 'M', 'A', ' ', 0, 'x'});
    write("bundle.js", "x".repeat((int) SourceTree.LIMIT + 1));

    List<CodeFinding> findings = CodeScanner.scan(List.of(app));

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).file()).isEqualTo(app.resolve("bundle.js"));
    assertThat(findings.get(0).line()).isZero();
    assertThat(findings.get(0).construct()).isEqualTo("(not scanned: 4.0 MB, over the 4 MB limit)");
    assertThat(findings.get(0).level()).isEqualTo(MigrationLevel.DECISION);
  }

  @Test
  void invalidUtf8DoesNotStopTheScan() throws IOException {
    byte[] latin1 =
        "# caf\u00e9\nPRAGMA foreign_keys = ON;\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(app.resolve("init.sql"), latin1);

    assertThat(CodeScanner.scan(List.of(app))).extracting(CodeFinding::line).containsExactly(2);
  }

  @Test
  void findingsComeInFileLineAndConstructOrderWhateverTheRoots() throws IOException {
    write("b.sql", "SELECT typeof(x), ifnull(y, 0) FROM t;\nSELECT 1 GLOB 2;\n");
    write("a.sql", "SELECT group_concat(x) FROM t;\n");

    List<CodeFinding> once = CodeScanner.scan(List.of(app.resolve("b.sql"), app));

    assertThat(once)
        .extracting(f -> app.relativize(f.file()) + ":" + f.line() + " " + f.construct())
        .containsExactly(
            "a.sql:1 group_concat(", "b.sql:1 ifnull(", "b.sql:1 typeof(", "b.sql:2 GLOB");
  }

  @Test
  void aMissingDirectoryIsABadArgumentNamingIt() {
    Path missing = app.resolve("no-such-dir");

    assertThatThrownBy(() -> CodeScanner.scan(List.of(missing)))
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            "--code "
                + missing
                + ": no such file or directory; give the application's source directory")
        .extracting(e -> ((MigrationException) e).code())
        .isEqualTo(MigrationException.Code.BAD_ARGUMENTS);
  }

  @Test
  void aBrokenRuleIsRefusedNamingIt() {
    assertThatThrownBy(() -> Rules.parse("id: x\nlanguages: sql\nin: sql\npattern: (\n"))
        .hasMessageContaining("rule x must have exactly the keys");
    String bad =
        "id: y\nlanguages: sql\nin: sql\npattern: (\nconstruct: c\npostgres: p\n"
            + "replacement: r\nlevel: rewrite\n";
    assertThatThrownBy(() -> Rules.parse(bad)).hasMessageStartingWith("code-rules.txt: rule y:");
  }

  @Test
  void noRuleMatchesNothing() {
    assertThat(Rules.all()).allSatisfy(r -> assertThat(r.pattern().matcher("").find()).isFalse());
  }
}
