package dev.sqlite2pg.translate;

import static dev.sqlite2pg.translate.SqlTranslatorExpressionTest.FOLD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Translations that depend on each column's planned PostgreSQL type and on the server. */
class SqlTranslatorPlannedTypesTest {

  private static final Map<String, String> TYPES =
      Map.of(
          "hidden", "boolean",
          "n", "bigint",
          "name", "text",
          "price", "double precision",
          "doc", "jsonb",
          "metadata", "text",
          "data", "bytea");

  private static SqlTranslator on(int major) {
    return new SqlTranslator(
        TYPES, Set.of("name", "metadata"), false, new TargetServer(major, true));
  }

  private static String check(int major, String expr) {
    Translation t = on(major).translateCheck(expr, FOLD);
    assertThat(t.failure()).as(expr).isEmpty();
    return t.sql().orElseThrow();
  }

  private static String refusedCheck(int major, String expr) {
    Translation t = on(major).translateCheck(expr, FOLD);
    assertThat(t.sql()).as(expr).isEmpty();
    return t.failure().orElseThrow();
  }

  @Test
  void booleanInListComparesWithBooleans() {
    // datasette_spatialite.db: CHECK (hidden IN (0,1)); PostgreSQL: boolean = integer does not
    // exist, so the planned boolean column must meet false and true.
    assertThat(check(15, "hidden IN (0,1)")).isEqualTo("\"hidden\" IN (false, true)");
    assertThat(check(15, "hidden NOT IN (0)")).isEqualTo("\"hidden\" NOT IN (false)");
    assertThat(check(15, "hidden = 1 OR hidden <> 0"))
        .isEqualTo("\"hidden\" = true OR \"hidden\" <> false");
    // spatial_index_enabled IN (0,1,2) on a boolean: 2 has no boolean, so it is said, not guessed
    assertThat(refusedCheck(15, "hidden IN (0,1,2)")).contains("hidden", "2");
  }

  @Test
  void textColumnInListComparesWithText() {
    // SQLite applies the TEXT column's affinity to the literals: name IN (1, 2) means '1', '2'
    assertThat(check(15, "name IN (1, 2)")).isEqualTo("\"name\" IN ('1', '2')");
  }

  @Test
  void textFunctionsReadNonTextColumnsAsSqliteText() {
    // length(bigint) does not exist in PostgreSQL; SQLite's length(123) is 3, the text's length
    assertThat(check(15, "length(n) <= 10")).isEqualTo("length((\"n\")::text) <= 10");
    assertThat(check(15, "substr(n, 1, 2) = '12'")).isEqualTo("substr((\"n\")::text, 1, 2) = '12'");
    assertThat(check(15, "n || name <> ''")).isEqualTo("(\"n\")::text || \"name\" <> ''");
    // SQLite stores a boolean as 0 or 1, and its text is '1', where PostgreSQL's is 'true'
    assertThat(check(15, "length(hidden) = 1"))
        .isEqualTo("length((\"hidden\")::integer::text) = 1");
    // length of a blob counts bytes on both sides
    assertThat(check(15, "length(data) < 64")).isEqualTo("length(\"data\") < 64");
    assertThat(check(15, "length(name) > 0")).isEqualTo("length(\"name\") > 0");
    // SQLite's text of a REAL ("1.0") differs from PostgreSQL's ("1"): said, not guessed
    assertThat(refusedCheck(15, "length(price) < 10")).contains("price", "double precision");
  }

  @Test
  void jsonValidOnAJsonColumnIsTheColumnsType() {
    // django_djangoproject_com.sqlite3 docs_document, when the plan makes the column jsonb
    assertThat(refusedCheck(15, "(JSON_VALID(\"doc\") OR \"doc\" IS NULL)"))
        .startsWith("enforced by the column type");
    assertThat(refusedCheck(18, "json_valid(doc)")).startsWith("enforced by the column type");
    // inside a larger CHECK: valid unless NULL, as SQLite's json_valid(NULL) is NULL
    assertThat(check(15, "json_valid(doc) AND n > 0"))
        .isEqualTo("(\"doc\" IS NOT NULL OR NULL) AND \"n\" > 0");
  }

  @Test
  void jsonValidOnTextFollowsTheServer() {
    String django = "(JSON_VALID(\"metadata\") OR \"metadata\" IS NULL)";
    assertThat(check(16, django)).isEqualTo("(((\"metadata\") IS JSON) OR \"metadata\" IS NULL)");
    // PostgreSQL 15 has no IS JSON: the cast refuses the rows the CHECK would refuse
    assertThat(check(15, django))
        .isEqualTo("(((\"metadata\")::json IS NOT NULL OR NULL) OR \"metadata\" IS NULL)");
    // ... but not where an error is not a refusal: under NOT, or outside a CHECK
    assertThat(refusedCheck(15, "NOT json_valid(metadata)")).contains("IS JSON", "15");
    assertThat(refusedCheck(15, "coalesce(json_valid(metadata), 1)")).contains("IS JSON");
    assertThat(on(15).translateExpression(django, FOLD).failure()).isPresent();
  }

  @Test
  void qualifiedColumnsAreCastWhole() {
    Translation t =
        on(15)
            .translateView(
                "CREATE VIEW v AS SELECT p.n || '-' || p.name AS label FROM parts p", FOLD, FOLD);
    assertThat(t.sql())
        .hasValueSatisfying(
            v -> assertThat(v).contains("(\"p\".\"n\")::text || '-' || \"p\".\"name\""));
  }
}
