package dev.sqlite2pg.assess;

import static dev.sqlite2pg.assess.Assess.hazard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.CostEstimate;
import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assess} on one fixture per hazard (each script names its real case): the exact objects,
 * levels and counts.
 */
class AssessHazardsTest {

  @TempDir Path dir;

  private Assessment assess(String fixture) {
    return Assess.of(Fixtures.build(fixture, dir));
  }

  private static Finding only(Assessment a, String hazard) {
    List<Finding> found = hazard(a, hazard);
    assertThat(found).as(hazard).hasSize(1);
    return found.get(0);
  }

  @Test
  void valuesThatDisagreeWithTheDeclaredTypeAreCountedWithExamples() {
    Assessment a = assess("mixed_storage");
    List<Finding> found = hazard(a, "type_mismatch");
    assertThat(found)
        .extracting(Finding::object, Finding::count, Finding::level)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("affinity.i", 1L, MigrationLevel.DECISION),
            org.assertj.core.groups.Tuple.tuple("affinity.n", 1L, MigrationLevel.DECISION),
            org.assertj.core.groups.Tuple.tuple("affinity.u", 3L, MigrationLevel.DECISION));
    assertThat(found.get(0).examples()).containsExactly("rowid 2: text 'Hello'");
    assertThat(found.get(0).reason()).contains("declared type INTEGER", "created as text");
  }

  @Test
  void timesStoredThreeWays() {
    Finding f = only(assess("times_three_ways"), "mixed_times");
    assertThat(f.object()).isEqualTo("visits.at");
    assertThat(f.count()).isEqualTo(4);
    assertThat(f.level()).isEqualTo(MigrationLevel.DECISION);
    assertThat(f.reason()).startsWith("times stored 3 ways (1 integer, 1 real, 2 text, 1 null)");
    assertThat(f.examples())
        .containsExactly(
            "rowid 1: text '2021-03-04 05:06:07'",
            "rowid 3: integer 1650000000",
            "rowid 4: real 2459580.25");
  }

  @Test
  void orphanedForeignKeysNameTheRows() {
    Finding f = only(assess("orphaned_fks"), "orphaned_rows");
    assertThat(f.kind()).isEqualTo("foreign key");
    assertThat(f.object()).isEqualTo("books(author_id) -> authors");
    assertThat(f.count()).isEqualTo(2);
    assertThat(f.examples()).containsExactly("rowid 3", "rowid 4");
    assertThat(f.level()).isEqualTo(MigrationLevel.DECISION);
  }

  @Test
  void nullsInPrimaryKeys() {
    List<Finding> found = hazard(assess("null_in_primary_key"), "null_in_primary_key");
    assertThat(found)
        .extracting(Finding::object, Finding::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tags", 2L),
            org.assertj.core.groups.Tuple.tuple("pairs", 1L));
    assertThat(found.get(0).examples()).containsExactly("rowid 3", "rowid 4");
  }

  @Test
  void duplicatesUnderACaseInsensitiveUniqueOnceEveryLetterFolds() {
    Finding f = only(assess("nocase_unique_accents"), "case_insensitive_duplicates");
    assertThat(f.kind()).isEqualTo("index");
    assertThat(f.count()).isEqualTo(2); // Émile/émile and ÅSA/åsa; Bob alone, ann alone
    assertThat(f.examples())
        .containsExactlyInAnyOrder(
            "'Émile@example.org' = 'émile@example.org'", "'ÅSA@example.org' = 'åsa@example.org'");
  }

  @Test
  void collationsOnlyTheApplicationDefines() {
    List<Finding> found = hazard(assess("app_collation"), "application_collation");
    assertThat(found).extracting(Finding::object).containsExactly("tags.tag", "decks.name");
    assertThat(found).allMatch(f -> f.level() == MigrationLevel.DECISION);
    assertThat(found.get(0).reason()).contains("UNICASE", "case-insensitive");
  }

  @Test
  void triggersAreRewrittenAndCarryTheirSql() {
    List<Finding> found = hazard(assess("triggers"), "trigger");
    assertThat(found).extracting(Finding::object).containsExactly("notes_audit", "notes_touch");
    assertThat(found).allMatch(f -> f.level() == MigrationLevel.REWRITE);
    assertThat(found.get(0).sql()).startsWith("CREATE TRIGGER notes_audit AFTER INSERT ON notes");
  }

  @Test
  void aViewThatDoesNotTranslateSaysWhyAndTheOtherTranslates() {
    Assessment a = assess("untranslatable_view");
    Finding bad = only(a, "untranslatable_view");
    assertThat(bad.object()).isEqualTo("event_epochs");
    assertThat(bad.level()).isEqualTo(MigrationLevel.REWRITE);
    assertThat(bad.reason()).contains("unixepoch()");
    assertThat(bad.sql()).contains("unixepoch(at)");
    Finding good =
        a.findings().stream()
            .filter(f -> f.kind().equals("view") && f.object().equals("opens"))
            .findFirst()
            .orElseThrow();
    assertThat(good.level()).isEqualTo(MigrationLevel.AUTOMATIC);
    assertThat(good.sql()).startsWith("CREATE VIEW \"opens\" (\"id\", \"at\") AS SELECT");
  }

  @Test
  void virtualTablesAreRewrittenTheirShadowTablesAreNotData() {
    Assessment a = assess("fts5");
    Finding v = only(a, "virtual_table");
    assertThat(v.object()).isEqualTo("notes_fts");
    assertThat(v.level()).isEqualTo(MigrationLevel.REWRITE);
    assertThat(hazard(a, "not_user_data"))
        .isNotEmpty()
        .allMatch(
            f -> f.level() == MigrationLevel.AUTOMATIC && f.object().startsWith("notes_fts_"));
  }

  @Test
  void reservedWordsAndNamesThatChange() {
    Assessment a = assess("awkward_names");
    Finding reserved = only(a, "reserved_word");
    assertThat(reserved.object()).isEqualTo("Order Details");
    assertThat(reserved.examples()).containsExactly("order", "user", "group");
    List<Finding> renamed = hazard(a, "renamed_identifier");
    assertThat(renamed).extracting(Finding::object).contains("CamelCase", "long_names");
    Finding camel = renamed.stream().filter(f -> f.object().equals("CamelCase")).findFirst().get();
    assertThat(camel.count()).isEqualTo(3);
    assertThat(camel.examples())
        .containsExactly("CamelCase -> camelcase", "Id -> id", "SomeValue -> somevalue");
    assertThat(renamed).allMatch(f -> f.level() == MigrationLevel.WARNING);
  }

  @Test
  void textPostgresqlRefusesInvalidUtf8AndNul() {
    Assessment a = assess("invalid_text");
    Finding f = only(a, "invalid_text");
    assertThat(f.object()).isEqualTo("files.name");
    assertThat(f.count()).isEqualTo(2);
    assertThat(f.examples().get(0)).startsWith("rowid 2: ").contains("invalid UTF-8 at byte 4");
    assertThat(f.examples().get(1)).startsWith("rowid 3: ").contains("NUL character at byte 1");
    assertThat(hazard(a, "type_changed")).isEmpty(); // the bytea is this finding's consequence
  }

  @Test
  void tablesWithoutAKey() {
    Finding f = only(assess("no_primary_key_duplicates"), "no_key");
    assertThat(f.object()).isEqualTo("events");
    assertThat(f.level()).isEqualTo(MigrationLevel.WARNING);
  }

  @Test
  void aTableWithNothingToSayMigratesAutomaticallyWithItsRowCount() {
    Assessment a = assess("views");
    Finding sales =
        a.findings().stream().filter(f -> f.object().equals("sales")).findFirst().orElseThrow();
    assertThat(sales.hazard()).isEqualTo("ok");
    assertThat(sales.level()).isEqualTo(MigrationLevel.AUTOMATIC);
    assertThat(sales.count()).isEqualTo(3);
    assertThat(a.estimate().level()).isEqualTo(MigrationLevel.AUTOMATIC);
    assertThat(a.estimate().units()).isZero();
  }

  @Test
  void theEstimateFollowsItsRule() {
    Assessment a =
        assess("untranslatable_view"); // one view to rewrite (1 line), the rest automatic
    CostEstimate e = a.estimate();
    assertThat(e.level()).isEqualTo(MigrationLevel.REWRITE);
    assertThat(e.units()).isEqualTo(4.0);
    assertThat(e.hours()).isEqualTo(4.0 * 5 / 60);
    CostEstimate.Kind views =
        e.kinds().stream().filter(k -> k.kind().equals("view")).findFirst().orElseThrow();
    assertThat(views.count(MigrationLevel.REWRITE)).isEqualTo(1);
    assertThat(views.count(MigrationLevel.AUTOMATIC)).isEqualTo(1);
  }

  @Test
  void theTimeIsMeasuredOnRealRows() {
    Assessment a = assess("times_three_ways");
    assertThat(a.time().rows()).isEqualTo(5);
    assertThat(a.time().rowsMeasured()).isEqualTo(5);
    assertThat(a.time().tablesMeasured()).isEqualTo(1);
    assertThat(a.time().seconds()).isPositive();
    assertThat(a.time().describe()).contains("an estimate from 5 rows of 1 tables measured");
  }
}
