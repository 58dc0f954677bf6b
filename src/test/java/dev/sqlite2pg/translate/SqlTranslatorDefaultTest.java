package dev.sqlite2pg.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlTranslatorDefaultTest {

  private final SqlTranslator translator = new SqlTranslator();

  private String ok(String sqliteDefault, String type) {
    Translation t = translator.translateDefault(sqliteDefault, type);
    assertThat(t.failure()).as(sqliteDefault + " -> " + type).isEmpty();
    return t.sql().orElseThrow();
  }

  private String refused(String sqliteDefault, String type) {
    Translation t = translator.translateDefault(sqliteDefault, type);
    assertThat(t.sql()).as(sqliteDefault + " -> " + type).isEmpty();
    return t.failure().orElseThrow();
  }

  @Test
  void numbersAndNegativeNumbers() {
    // sakila.sqlite: rental_rate DECIMAL(4,2) DEFAULT 4.99 NOT NULL
    assertThat(ok("4.99", "numeric(4,2)")).isEqualTo("4.99");
    assertThat(ok("-1", "bigint")).isEqualTo("-1");
    assertThat(ok("0x10", "bigint")).isEqualTo("16");
    assertThat(ok("0", "text")).isEqualTo("'0'");
    assertThat(ok("0", "jsonb")).isEqualTo("'0'");
  }

  @Test
  void stringLiteralsKeepTheirQuotesEscaped() {
    // sakila.sqlite: active CHAR(1) DEFAULT 'Y' NOT NULL
    assertThat(ok("'Y'", "character(1)")).isEqualTo("'Y'");
    assertThat(ok("'it''s'", "text")).isEqualTo("'it''s'");
    // pocketbase_data.db: DEFAULT '0000-01-01T00:00:00.000Z'
    assertThat(ok("'0000-01-01T00:00:00.000Z'", "text")).isEqualTo("'0000-01-01T00:00:00.000Z'");
    assertThat(ok("'back\\slash'", "text")).isEqualTo("'back\\slash'");
  }

  @Test
  void doubleQuotedDefaultsAreStrings() {
    // duckdb_issue44.db (Chrome History): originator_cache_guid TEXT DEFAULT "" NOT NULL
    assertThat(ok("\"\"", "text")).isEqualTo("''");
    // pocketbase_auxiliary.db: `data` JSON DEFAULT "{}" NOT NULL
    assertThat(ok("\"{}\"", "jsonb")).isEqualTo("'{}'");
  }

  @Test
  void pgloaderQuotedZeroIsTextThatAnIntegerCannotHold() {
    // pgloader_sqlite.db: is_public integer default '"0"'
    assertThat(ok("'\"0\"'", "text")).isEqualTo("'\"0\"'");
    assertThat(refused("'\"0\"'", "integer")).contains("'\"0\"'");
    // pgloader_sqlite.db: a tinyint default '0' stores the integer 0
    assertThat(ok("'0'", "smallint")).isEqualTo("0");
  }

  @Test
  void nullAndBooleans() {
    assertThat(ok("NULL", "text")).isEqualTo("NULL");
    // pocketbase_data.db: DEFAULT FALSE NOT NULL on BOOLEAN columns
    assertThat(ok("FALSE", "boolean")).isEqualTo("false");
    assertThat(ok("TRUE", "integer")).isEqualTo("1");
    assertThat(ok("0", "boolean")).isEqualTo("false");
    assertThat(ok("1", "bool")).isEqualTo("true");
    assertThat(ok("'1'", "boolean")).isEqualTo("true");
    assertThat(refused("2", "boolean")).contains("boolean");
  }

  @Test
  void currentTimeFollowsTheTargetType() {
    // sakila.sqlite: last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
    assertThat(ok("CURRENT_TIMESTAMP", "timestamp with time zone")).isEqualTo("CURRENT_TIMESTAMP");
    assertThat(ok("CURRENT_TIMESTAMP", "timestamp")).isEqualTo("(now() AT TIME ZONE 'UTC')");
    assertThat(ok("CURRENT_TIMESTAMP", "text"))
        .isEqualTo("to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS')");
    // pgloader_sqlite.db: my_value datetime default current_date
    assertThat(ok("current_date", "date")).isEqualTo("((now() AT TIME ZONE 'UTC'))::date");
    assertThat(ok("CURRENT_TIME", "text"))
        .isEqualTo("to_char((now() AT TIME ZONE 'UTC'), 'HH24:MI:SS')");
    assertThat(refused("CURRENT_TIMESTAMP", "bigint")).contains("bigint");
  }

  @Test
  void timeFunctionsOfNow() {
    assertThat(ok("(datetime('now'))", "text"))
        .isEqualTo("to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS')");
    assertThat(ok("(datetime('now'))", "timestamp without time zone"))
        .isEqualTo("(now() AT TIME ZONE 'UTC')");
    // pocketbase_auxiliary.db: `created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL
    assertThat(ok("(strftime('%Y-%m-%d %H:%M:%fZ'))", "text"))
        .isEqualTo("to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS.MS\"Z\"')");
    // pgloader_sqlite.db: time TIMESTAMP DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
    assertThat(ok("(strftime('%Y-%m-%d %H:%M:%f', 'now'))", "timestamp"))
        .isEqualTo("(now() AT TIME ZONE 'UTC')");
    assertThat(ok("(strftime('%s','now'))", "bigint"))
        .isEqualTo("(floor(extract(epoch FROM now()))::bigint)");
  }

  @Test
  void localtimeAndOtherModifiersAreRefused() {
    // pgloader_sqlite.db: foo datetime default(DATETIME('now', 'localtime'))
    assertThat(refused("(DATETIME('now', 'localtime'))", "timestamp")).contains("modifiers");
    assertThat(refused("(DATETIME('now', 'localtime'))", "text")).contains("modifiers");
  }

  @Test
  void numericDefaultForATimestampIsRefused() {
    // pgloader_sqlite.db: StartTime DATETIME DEFAULT 0
    assertThat(refused("0", "timestamp")).contains("timestamp");
  }

  @Test
  void zeroIntoEpochTimestampsIsTheEpochInEveryUnit() {
    // pgloader_sqlite.db: stamps.EndTime DEFAULT 0, a column of epoch numbers (timestamptz).
    assertThat(ok("0", "timestamptz")).isEqualTo("'1970-01-01 00:00:00+00'::timestamptz");
    // Another number would need the column's unit, which a DEFAULT does not say.
    assertThat(refused("1000", "timestamptz")).contains("timestamptz");
  }

  @Test
  void blobLiterals() {
    assertThat(ok("X'0A1b'", "bytea")).isEqualTo("'\\x0a1b'::bytea");
    assertThat(refused("X'0A'", "text")).contains("blob");
  }

  @Test
  void randomIdsUseUuidBytesWithoutPgcrypto() {
    // pocketbase_data.db: `id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL
    String pocketBase = "('r'||lower(hex(randomblob(7))))";
    assertThat(ok(pocketBase, "text"))
        .isEqualTo(
            "('r' || encode((substring(uuid_send(gen_random_uuid()) from 1 for 6)"
                + " || substring(uuid_send(gen_random_uuid()) from 1 for 1)), 'hex'))");
    assertThat(refused("(randomblob(x))", "bytea")).contains("pgcrypto");
    assertThat(refused("(randomblob(100))", "bytea")).contains("pgcrypto");
    Translation withPgcrypto =
        new SqlTranslator(Set.of(), true).translateDefault(pocketBase, "text");
    assertThat(withPgcrypto.sql()).contains("('r' || encode(gen_random_bytes(7), 'hex'))");
    assertThat(refused("(random())", "bigint")).contains("random()");
  }

  @Test
  void expressionDefaultsCannotNameColumns() {
    assertThat(refused("(a + 1)", "bigint")).contains("a");
    assertThat(ok("(1 + 2)", "bigint")).isEqualTo("(1 + 2)");
  }
}
