package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JsonTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --format json}, {@code schema --format json} and {@code schema --section}. */
class FormatTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void planAsJsonHoldsEveryTableAndColumnWithItsRule() throws Exception {
    Path db = Fixtures.build("shop", dir);
    CliRun r =
        CliRun.run("plan", db.toString(), "--format", "json", "--cast", "orders.note=varchar(80)");
    assertThat(r.exitCode()).isZero();
    Map<String, Object> plan = JsonTree.object(r.out());
    assertThat(plan.get("schema")).isEqualTo("public");
    List<Map<String, Object>> tables = (List<Map<String, Object>>) plan.get("tables");
    assertThat(tables)
        .extracting(t -> t.get("source_table"))
        .containsExactlyInAnyOrder("customers", "products", "orders", "order_lines");
    Map<String, Object> orders =
        tables.stream().filter(t -> t.get("source_table").equals("orders")).findFirst().get();
    assertThat(orders.get("source_rows")).isEqualTo("3");
    Map<String, Object> note =
        ((List<Map<String, Object>>) orders.get("columns"))
            .stream().filter(c -> c.get("source_column").equals("note")).findFirst().get();
    assertThat(note.get("target_type")).isEqualTo("varchar(80)");
    assertThat((String) note.get("reason")).contains("--cast");
    Map<String, List<String>> statements = (Map<String, List<String>>) plan.get("statements");
    assertThat(statements.get("pre_data"))
        .anyMatch(s -> s.startsWith("CREATE TABLE \"public\".\"orders\""));
    assertThat(statements.get("post_data")).isNotEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void schemaAsJsonListsTheStatementsOfTheTextScript() throws Exception {
    Path db = Fixtures.build("shop", dir);
    String text = CliRun.run("schema", db.toString()).out();
    CliRun r = CliRun.run("schema", db.toString(), "--format=JSON");
    assertThat(r.exitCode()).isZero();
    Map<String, Object> json = JsonTree.object(r.out());
    assertThat(json.get("section")).isEqualTo("all");
    Map<String, List<String>> statements = (Map<String, List<String>>) json.get("statements");
    List<String> all = new java.util.ArrayList<>(statements.get("pre_data"));
    all.addAll(statements.get("post_data"));
    // Each statement, with its semicolon, in the order of the text script; what is left of the
    // text is comments and blank lines.
    String rest = text;
    for (String s : all) {
      assertThat(s).doesNotEndWith(";");
      int at = rest.indexOf(s + ";\n");
      assertThat(at).as(s).isNotNegative();
      assertThat(rest.substring(0, at).lines()).allMatch(l -> l.isBlank() || l.startsWith("--"));
      rest = rest.substring(at + s.length() + 2);
    }
    assertThat(rest.lines()).allMatch(l -> l.isBlank() || l.startsWith("--"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSectionIsAnyCaseAndJsonHoldsOnlyIt() throws Exception {
    Path db = Fixtures.build("shop", dir);
    CliRun text = CliRun.run("schema", db.toString(), "--section", "POST-DATA");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .startsWith("\n-- sqlite2pg schema: post-data")
        .doesNotContain("CREATE TABLE");
    Map<String, Object> json =
        JsonTree.object(
            CliRun.run("schema", db.toString(), "--section=pre-data", "--format=json").out());
    assertThat(((Map<String, Object>) json.get("statements")).keySet()).containsExactly("pre_data");
  }

  @Test
  void aWrongSectionIsOneLineAndExit2() throws Exception {
    Path db = Fixtures.build("shop", dir);
    CliRun r = CliRun.run("schema", db.toString(), "--section", "data");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "sqlite2pg: Invalid value for option '--section': use pre-data, post-data or all, not"
                + " 'data'",
            "Try 'sqlite2pg schema --help' for the options.");
  }

  @Test
  void schemaRefusesDataOnlyInsteadOfFailing() throws Exception {
    Path db = Fixtures.build("shop", dir);
    CliRun r = CliRun.run("schema", db.toString(), "--data-only");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("sqlite2pg: error: --data-only creates no DDL");
  }
}
