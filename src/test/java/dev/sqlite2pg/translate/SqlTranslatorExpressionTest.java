package dev.sqlite2pg.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SqlTranslatorExpressionTest {

  /** Folds to lower case and quotes, standing in for the lead's identifier policy. */
  static final UnaryOperator<String> FOLD = n -> "\"" + n.toLowerCase(Locale.ROOT) + "\"";

  private final SqlTranslator translator = new SqlTranslator();

  private String ok(String expr) {
    return ok(translator, expr);
  }

  private static String ok(SqlTranslator translator, String expr) {
    Translation t = translator.translateExpression(expr, FOLD);
    assertThat(t.failure()).as(expr).isEmpty();
    return t.sql().orElseThrow();
  }

  private String refused(String expr) {
    Translation t = translator.translateExpression(expr, FOLD);
    assertThat(t.sql()).as(expr).isEmpty();
    return t.failure().orElseThrow();
  }

  @Test
  void djangoPositiveIntegerCheck() {
    // django_djangoproject_com.sqlite3: "action_flag" smallint unsigned NOT NULL CHECK
    // ("action_flag" >= 0)
    assertThat(ok("\"action_flag\" >= 0")).isEqualTo("\"action_flag\" >= 0");
  }

  @Test
  void djangoNamedCheckWithIsNull() {
    // django_djangoproject_com.sqlite3: aggregator_localdjangocommunity
    assertThat(
            ok(
                "((\"event_site_url\" IS NOT NULL AND \"website_url\" IS NOT NULL) OR "
                    + "(\"event_site_url\" IS NOT NULL AND \"website_url\" IS NULL))"))
        .isEqualTo(
            "((\"event_site_url\" IS NOT NULL AND \"website_url\" IS NOT NULL) OR "
                + "(\"event_site_url\" IS NOT NULL AND \"website_url\" IS NULL))");
  }

  @Test
  void northwindBracketedChecks() {
    // northwind.sqlite: CHECK ([Discount]>=(0) AND [Discount]<=(1))
    assertThat(ok("[Discount]>=(0) AND [Discount]<=(1)"))
        .isEqualTo("\"discount\" >= (0) AND \"discount\" <= (1)");
  }

  @Test
  void spatialiteInList() {
    // datasette_spatialite.db: CONSTRAINT ck_gc_rtree CHECK (spatial_index_enabled IN (0,1,2))
    assertThat(ok("spatial_index_enabled IN (0,1,2)"))
        .isEqualTo("\"spatial_index_enabled\" IN (0, 1, 2)");
  }

  @Test
  void pocketBasePartialIndexPredicates() {
    // pocketbase_data.db: ... ON `_superusers` (`email`) WHERE `email` != ''
    assertThat(ok("`email` != ''")).isEqualTo("\"email\" != ''");
    assertThat(ok("rel_many_unique != '[]'")).isEqualTo("\"rel_many_unique\" != '[]'");
  }

  @Test
  void pocketBaseJsonExtractIndex() {
    // pocketbase_auxiliary.db: CREATE INDEX _logs_data_auth_idx on `_logs` (JSON_EXTRACT(`data`,
    // '$.auth'))
    assertThat(ok("JSON_EXTRACT(`data`, '$.auth')")).isEqualTo("((\"data\")::jsonb #>> '{auth}')");
    assertThat(ok("json_extract(x, '$.a[2].b')")).isEqualTo("((\"x\")::jsonb #>> '{a,2,b}')");
    assertThat(refused("json_extract(x, '$.\"a.b\"')")).contains("path");
  }

  @Test
  void pocketBaseStrftimeIndexIsNotImmutable() {
    // pocketbase_auxiliary.db: CREATE INDEX idx_logs_created_hour on `_logs` (strftime('%Y-%m-%d
    // %H:00:00', `created`))
    assertThat(refused("strftime('%Y-%m-%d %H:00:00', `created`)")).contains("immutable");
    assertThat(refused("created > datetime('now')")).contains("immutable");
  }

  @Test
  void djangoJsonFieldCheckNeedsAKnownServerOutsideChecks() {
    // django_djangoproject_com.sqlite3, docs_document: IS JSON exists from PostgreSQL 16 only
    assertThat(refused("(JSON_VALID(\"metadata\") OR \"metadata\" IS NULL)"))
        .contains("IS JSON", "unknown");
  }

  @Test
  void doubleQuotedNamesThatAreNoColumnAreStrings() {
    // As sqlite3 does for CREATE TABLE t(s TEXT CHECK (s IN ("a", "b")), a TEXT)
    Translation t = translator.translateExpression("s IN (\"a\", \"b\")", Set.of("S", "a"), FOLD);
    assertThat(t.sql()).contains("\"s\" IN (\"a\", 'b')");
    // [brackets] and `backticks` are always names
    assertThat(translator.translateExpression("[b] = `b`", Set.of("a"), FOLD).sql())
        .contains("\"b\" = \"b\"");
  }

  @Test
  void equalityAndIs() {
    assertThat(ok("a == b")).isEqualTo("\"a\" = \"b\"");
    assertThat(ok("a <> b")).isEqualTo("\"a\" <> \"b\"");
    assertThat(ok("a IS b")).isEqualTo("\"a\" IS NOT DISTINCT FROM \"b\"");
    assertThat(ok("a IS NOT 'x'")).isEqualTo("\"a\" IS DISTINCT FROM 'x'");
    assertThat(ok("a IS NULL")).isEqualTo("\"a\" IS NULL");
    assertThat(ok("a NOTNULL")).isEqualTo("\"a\" IS NOT NULL");
  }

  @Test
  void likeAndGlob() {
    assertThat(ok("name LIKE 'a%'")).isEqualTo("\"name\" ILIKE 'a%'");
    assertThat(ok("name LIKE 'a!%' ESCAPE '!'")).isEqualTo("\"name\" ILIKE 'a!%' ESCAPE '!'");
    assertThat(ok("name LIKE 'a\\%'")).isEqualTo("\"name\" ILIKE 'a\\%' ESCAPE ''");
    assertThat(ok("name NOT GLOB 'a*_?'")).isEqualTo("\"name\" NOT LIKE 'a%\\__'");
    assertThat(refused("name GLOB '[a-z]*'")).contains("GLOB");
  }

  @Test
  void functions() {
    assertThat(ok("length(trim(name)) > 0")).isEqualTo("length(trim(\"name\")) > 0");
    assertThat(ok("ifnull(a, 'x') || upper(b)")).isEqualTo("coalesce(\"a\", 'x') || upper(\"b\")");
    assertThat(ok("substr(code, 1, 3) = 'ABC'")).isEqualTo("substr(\"code\", 1, 3) = 'ABC'");
    assertThat(refused("substr(code, -2)")).contains("substr");
    assertThat(ok("CAST(x AS INTEGER) > 0")).isEqualTo("CAST(\"x\" AS bigint) > 0");
    assertThat(ok("CASE WHEN a > 0 THEN 'p' ELSE 'n' END"))
        .isEqualTo("CASE WHEN \"a\" > 0 THEN 'p' ELSE 'n' END");
    assertThat(refused("typeof(x) = 'integer'")).contains("typeof");
    assertThat(refused("unixepoch(x) > 0")).contains("unixepoch()");
    assertThat(refused("max(a, b) > 0")).contains("NULL");
  }

  @Test
  void booleanColumnsCompareWithBooleans() {
    SqlTranslator withBooleans = new SqlTranslator(Set.of("Active"), false);
    assertThat(ok(withBooleans, "active = 1")).isEqualTo("\"active\" = true");
    assertThat(ok(withBooleans, "0 <> active")).isEqualTo("false <> \"active\"");
    assertThat(ok(withBooleans, "other = 1")).isEqualTo("\"other\" = 1");
    assertThat(withBooleans.translateExpression("active = 2", FOLD).failure().orElseThrow())
        .contains("active");
  }

  @Test
  void qualifiedColumnsAndSubqueriesAreRefused() {
    assertThat(refused("t.a > 0")).contains("qualified");
    assertThat(refused("a IN (SELECT b FROM t)")).contains("subqueries");
    assertThat(refused("data ->> '$.a' = 1")).contains("->>");
  }

  @Test
  void generatedColumns() {
    assertThat(translator.translateGenerated("a || 'x'", FOLD).sql()).contains("\"a\" || 'x'");
    assertThat(translator.translateGenerated("datetime('now')", FOLD).failure()).isPresent();
  }

  @Test
  void malformedInputIsReportedNotThrown() {
    assertThat(refused("a = 'unterminated")).contains("Unterminated");
    assertThat(refused("round() > 1")).contains("round()");
    assertThat(refused("(a")).contains("parenthes");
  }
}
