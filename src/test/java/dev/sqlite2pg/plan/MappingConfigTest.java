package dev.sqlite2pg.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.convert.PgType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingConfigTest {

  @TempDir Path dir;

  private static final Map<String, List<String>> SOURCE =
      Map.of(
          "critiques", List.of("id", "severity", "legacy_flag"),
          "debates", List.of("id", "task"));

  private MappingConfig load(String yaml) throws Exception {
    Path f = dir.resolve("sqlite2pg.yaml");
    Files.writeString(f, yaml);
    return MappingConfig.load(f);
  }

  private static List<String> check(MappingConfig c, List<String> only) {
    return c.check(SOURCE.keySet(), SOURCE::get, only);
  }

  @Test
  void groupsRenamesCastsAndExclusionsAreRead() throws Exception {
    MappingConfig c =
        load(
            """
        groups:
          critique: [debates, Critiques]
        tables:
          critiques:
            target: critique_log
            columns:
              severity: {target: severity_score, cast: double precision}
            exclude_columns: [legacy_flag]
        exclude: [tmp_*]
        """);
    assertThat(check(c, List.of("critique"))).containsExactly("debates", "critiques");
    assertThat(c.rule("CRITIQUES").flatMap(MappingConfig.TableRule::target))
        .hasValue("critique_log");
    assertThat(c.column("critiques", "severity").flatMap(MappingConfig.ColumnRule::target))
        .hasValue("severity_score");
    assertThat(c.column("critiques", "severity").flatMap(MappingConfig.ColumnRule::cast))
        .hasValue(PgType.DOUBLE);
    assertThat(c.excludesColumn("critiques", "LEGACY_FLAG")).isTrue();
    assertThat(c.exclude()).containsExactly("tmp_*");
  }

  @Test
  void unknownNamesAreErrorsThatSuggestTheClosest() throws Exception {
    MappingConfig c =
        load(
            """
        groups:
          critique: [debate]
        tables:
          critiques:
            columns:
              severty: {cast: real}
        """);
    assertThatThrownBy(() -> check(c, List.of("critiqe")))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining(
            "table debate in group critique does not exist (did you mean debates?)")
        .hasMessageContaining("column critiques.severty does not exist (did you mean severity?)")
        .hasMessageContaining("--only critiqe: no such group (did you mean critique?)");
  }

  @Test
  void unknownKeysAndBadShapesSayWhatIsAllowed() {
    assertThatThrownBy(() -> load("grups: {}\n"))
        .hasMessageContaining("unknown top-level key 'grups' (did you mean groups?)")
        .hasMessageContaining("allowed: groups, tables, exclude");
    assertThatThrownBy(() -> load("tables:\n  debates:\n    columns:\n      task: {rename: x}\n"))
        .hasMessageContaining("unknown key of column debates.task 'rename'");
    assertThatThrownBy(() -> load("groups:\n  g: debates\n"))
        .hasMessageContaining("group g must be a list of names");
    assertThatThrownBy(() -> load("groups: [\n")).hasMessageContaining("is not valid YAML");
    assertThatThrownBy(() -> load("tables:\n  debates:\n    columns:\n      task: {cast: money}\n"))
        .hasMessageContaining("unknown PostgreSQL type 'money'");
  }

  @Test
  void anIntervalCastStatesTheUnitOfItsNumbers() throws Exception {
    // Django 3.2's DurationField on SQLite: bigint microseconds.
    MappingConfig c =
        load(
            """
        tables:
          debates:
            columns:
              task: {cast: "interval:microseconds"}
        """);
    Cast.Target t = c.column("debates", "task").flatMap(MappingConfig.ColumnRule::castTarget).get();
    assertThat(t.type().kind()).isEqualTo(PgType.Kind.INTERVAL);
    assertThat(t.apply(dev.sqlite2pg.convert.EncoderOptions.DEFAULT).intervalUnit())
        .hasValue(dev.sqlite2pg.convert.IntervalUnit.MICROSECONDS);
    assertThat(t.describe()).isEqualTo("interval:microseconds");

    Cast cli = Cast.parse("sessions.idle=interval:seconds");
    assertThat(cli.intervalUnit()).hasValue(dev.sqlite2pg.convert.IntervalUnit.SECONDS);
    assertThat(cli.describe()).isEqualTo("sessions.idle=interval:seconds");
    assertThat(Cast.parse("TIME=time").type()).isEqualTo(PgType.TIME);
    assertThatThrownBy(() -> Cast.parse("a.b=bigint:seconds"))
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            "cast type 'bigint:seconds' is not valid: only an interval takes a unit of its"
                + " numbers, one of microseconds, milliseconds, seconds, e.g."
                + " interval:microseconds");
    assertThatThrownBy(() -> Cast.parse("a.b=interval:fortnights"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("one of microseconds, milliseconds, seconds");
  }
}
