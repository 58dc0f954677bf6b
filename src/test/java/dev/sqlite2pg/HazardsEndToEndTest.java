package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fixture per hazard from src/test/resources/fixtures, each migrated into a fresh database.
 * Every test ends with the tool's own verification and, where it applies, {@link
 * IndependentCompare}; in between it checks the outcome the hazard calls for: every value arrives
 * unchanged in meaning, or the report names the row, the column and the reason.
 */
@NeedsServer
class HazardsEndToEndTest {

  @TempDir Path dir;

  /** One migration: its fixture file, its target and what the tool reported. */
  record Run(Path db, String url, MigrationResult result) {
    String type(String table, String column) throws SQLException {
      return one(
          "SELECT CASE WHEN data_type = 'numeric' AND numeric_precision IS NOT NULL"
              + " THEN 'numeric(' || numeric_precision || ',' || numeric_scale || ')'"
              + " ELSE data_type END FROM information_schema.columns"
              + " WHERE table_schema = 'public' AND table_name = ? AND column_name = ?",
          table,
          column);
    }

    String one(String sql, String... params) throws SQLException {
      List<String> all = list(sql, params);
      assertThat(all).as(sql).hasSize(1);
      return all.get(0);
    }

    List<String> list(String sql, String... params) throws SQLException {
      try (Connection c = TestPostgres.connect(url);
          PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          ps.setString(i + 1, params[i]);
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      }
    }

    <T> List<T> column(String sql, Class<T> type) throws SQLException {
      try (Connection c = TestPostgres.connect(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getObject(1, type));
        }
        return out;
      }
    }

    List<String> warnings() {
      return result.warnings().stream().map(Warning::describe).toList();
    }

    TableReport table(String source) {
      return result.tables().stream()
          .filter(t -> t.sourceTable().equals(source))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no report for table " + source));
    }

    /** The second, independent check on one table, ordered the same way on both sides. */
    void independentlyEqual(String table, String sqliteOrder, String pgTable, String pgOrder)
        throws SQLException {
      assertThat(IndependentCompare.differences(db, table, sqliteOrder, url, pgTable, pgOrder))
          .as("independent compare of " + table)
          .isEmpty();
    }

    void independentlyEqual(String table, String key) throws SQLException {
      independentlyEqual(table, key, table, key);
    }
  }

  private Run migrate(String fixture) {
    Path db = Fixtures.build(fixture, dir);
    return migrate(db, fixture);
  }

  static Run migrate(Path db, String hint) {
    String url = TestPostgres.newDatabase(hint);
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).build().migrate();
    assertThat(r.tables())
        .as("tables of " + hint)
        .isNotEmpty()
        .allSatisfy(
            t ->
                assertThat(t.verification())
                    .as(t.sourceTable())
                    .hasValueSatisfying(
                        v -> assertThat(v.equal()).as("verify " + t.sourceTable()).isTrue()));
    assertThat(r.tables()).allSatisfy(t -> assertThat(t.error()).as(t.sourceTable()).isEmpty());
    assertThat(r.exitCode()).as("exit code").isEqualTo(r.rejectedRows() > 0 ? 3 : 0);
    return new Run(db, url, r);
  }

  @Test
  void withoutRowidTablesKeepTheirKeys() throws Exception {
    Run run = migrate("without_rowid");
    assertThat(run.result().exitCode()).isZero();
    assertThat(
            run.list(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'p'"
                    + " AND connamespace = 'public'::regnamespace"
                    + " ORDER BY 1"))
        .containsExactly("PRIMARY KEY (cluster_id, visit_id)", "PRIMARY KEY (k)");
    assertThat(run.type("kv", "v")).isEqualTo("bytea");
    run.independentlyEqual("kv", "k", "kv", "k COLLATE \"C\"");
    run.independentlyEqual("cluster_visits", "cluster_id, visit_id");
  }

  @Test
  void strictTablesKeepTheirTypesAndAnyHoldsEveryStorageClass() throws Exception {
    Run run = migrate("strict_tables");
    assertThat(run.type("readings", "value")).isEqualTo("double precision");
    assertThat(run.type("readings", "raw")).isEqualTo("bytea");
    assertThat(run.type("readings", "n")).isEqualTo("bigint");
    // ANY holds 42, 2.5, 'text' and x'0001': only bytea holds all four, and the report says so.
    assertThat(run.type("readings", "extra")).isEqualTo("bytea");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("readings.extra: created as bytea"));
    assertThat(run.column("SELECT raw FROM readings WHERE id = 3", byte[].class).get(0)).isEmpty();
    run.independentlyEqual("readings", "id");
  }

  @Test
  void mixedStorageClassesFallBackToATypeThatHoldsThemAllAndSaySo() throws Exception {
    Run run = migrate("mixed_storage");
    assertThat(run.type("affinity", "i")).isEqualTo("text");
    assertThat(run.type("affinity", "n")).isEqualTo("text");
    assertThat(run.type("affinity", "u")).isEqualTo("bytea");
    assertThat(run.warnings())
        .anyMatch(w -> w.startsWith("affinity.i: created as text") && w.contains("'Hello'"));
    assertThat(run.warnings())
        .anyMatch(w -> w.startsWith("affinity.n: created as text") && w.contains("'hello'"));
    assertThat(run.column("SELECT i FROM affinity ORDER BY id", String.class))
        .containsExactly("1", "Hello", "3", null);
    assertThat(run.column("SELECT n FROM affinity ORDER BY id", String.class))
        .containsExactly("42", "hello", "3.25", null);
    assertThat(run.column("SELECT u FROM affinity WHERE id = 4", byte[].class).get(0))
        .containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
    run.independentlyEqual("affinity", "id");
  }

  @Test
  void untypedColumnTurnedIntoByteaIsReported() throws Exception {
    Run run = migrate("mixed_storage");
    // u holds 7, 2.5, 'seven' and x'deadbeef': bytea loses that 7 was a number, so the report
    // must say so, as it does for declared columns. TypeRules marks untyped columns as no
    // warning.
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("affinity.u:"));
  }

  @Test
  void textPostgresCannotHoldMakesTheColumnBytea() throws Exception {
    Run run = migrate("invalid_text");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.type("files", "name")).isEqualTo("bytea");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("files.name: created as bytea"));
    assertThat(run.column("SELECT name FROM files WHERE id = 3", byte[].class).get(0))
        .containsExactly('a', 0, 'b');
    // Byte for byte, independently of the tool's verify (IndependentCompare reads text as Java
    // strings, which cannot hold invalid UTF-8).
    assertThat(run.list("SELECT id || ' ' || upper(encode(name, 'hex')) FROM files ORDER BY id"))
        .isEqualTo(
            SourceHazardsEndToEndTest.sqlite(
                run.db(), "SELECT id || ' ' || hex(name) FROM files ORDER BY id"));
  }

  @Test
  void textPostgresCannotHoldIsRejectedWithRowColumnAndReasonWhenCastToText() throws Exception {
    Path db = Fixtures.build("invalid_text", dir);
    String url = TestPostgres.newDatabase("invalid_text_cast");
    Run run =
        new Run(
            db,
            url,
            Migrator.configure()
                .source(db)
                .target(new JdbcTarget(url))
                .casts(List.of("files.name=text"))
                .build()
                .migrate());
    TableReport files = run.table("files");
    assertThat(run.result().exitCode()).isEqualTo(3);
    assertThat(files.rejectedRows()).isEqualTo(2);
    assertThat(files.copiedRows()).isEqualTo(2);
    assertThat(files.rejected())
        .extracting(
            RejectedRow::table, RejectedRow::key, RejectedRow::column, RejectedRow::storageClass)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("files", "rowid=2", "name", "text"),
            org.assertj.core.groups.Tuple.tuple("files", "rowid=3", "name", "text"));
    assertThat(files.rejected().get(0).value()).isEqualToIgnoringCase("X'66696c65966e616d65'");
    assertThat(files.rejected().get(0).reason()).contains("invalid UTF-8");
    assertThat(files.rejected().get(1).reason()).contains("NUL");
    assertThat(run.column("SELECT name FROM files ORDER BY id", String.class))
        .containsExactly("plain.txt", "ünïcødé 😀");
    // The rejected rows 2 and 3 are not in PostgreSQL; the others must be exactly there.
    assertThat(
            IndependentCompare.differences(
                run.db(), "files WHERE id NOT IN (2, 3)", "id", run.url(), "files", "id"))
        .isEmpty();
  }

  @Test
  void blobsInTextColumnsAndTextInBlobColumnsArriveAsBytes() throws Exception {
    Run run = migrate("blob_text_swap");
    assertThat(run.type("media", "caption")).isEqualTo("bytea");
    assertThat(run.type("media", "data")).isEqualTo("bytea");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("media.caption: created as bytea"));
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("media.data: created as bytea"));
    assertThat(run.column("SELECT caption FROM media WHERE id = 2", byte[].class).get(0))
        .containsExactly(0xFF, 0xD8, 0xFF, 0xE0);
    assertThat(
            new String(
                run.column("SELECT data FROM media WHERE id = 2", byte[].class).get(0),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("token-abc");
    run.independentlyEqual("media", "id");
  }

  @Test
  void infinitiesExtremesAndNegativeZeroKeepTheirBits() throws Exception {
    Run run = migrate("real_extremes");
    assertThat(run.type("measurements", "v")).isEqualTo("double precision");
    assertThat(run.type("measurements", "raw")).isEqualTo("double precision");
    List<Double> v = run.column("SELECT v FROM measurements ORDER BY id", Double.class);
    assertThat(v)
        .containsExactly(
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            0.0,
            0.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            0.1,
            null,
            null);
    List<Double> raw = run.column("SELECT raw FROM measurements ORDER BY id", Double.class);
    assertThat(Double.doubleToRawLongBits(raw.get(2)))
        .as("-0.0 in an untyped column")
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(raw.get(0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(raw.get(1)).isEqualTo(Double.NEGATIVE_INFINITY);
    run.independentlyEqual("measurements", "id");
  }

  @Test
  void integerExtremesArriveExactly() throws Exception {
    Run run = migrate("integer_extremes");
    assertThat(run.type("ids", "v")).isEqualTo("bigint");
    assertThat(run.column("SELECT v FROM ids ORDER BY id", Long.class))
        .containsExactly(Long.MAX_VALUE, -Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L);
    run.independentlyEqual("ids", "id");
  }

  @Test
  void emptyStringAndNullStayApart() throws Exception {
    Run run = migrate("empty_vs_null");
    assertThat(run.column("SELECT middle_name FROM contacts ORDER BY id", String.class))
        .containsExactly("", null, " ");
    assertThat(run.column("SELECT phone FROM contacts ORDER BY id", String.class))
        .containsExactly(null, "", "x");
    List<byte[]> data = run.column("SELECT data FROM contacts ORDER BY id", byte[].class);
    assertThat(data.get(0)).isEmpty();
    assertThat(data.get(1)).isNull();
    run.independentlyEqual("contacts", "id");
  }

  @Test
  void awkwardNamesAreKeptQuotedOrRenamedAndReported() throws Exception {
    Run run = migrate("awkward_names");
    String prefix = "order_line_discount_applied_after_tax_and_shipping_for_customer";
    List<String> longCols =
        run.list(
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_name = 'long_names' AND column_name <> 'id' ORDER BY ordinal_position");
    assertThat(longCols)
        .hasSize(2)
        .doesNotHaveDuplicates()
        .allSatisfy(
            c ->
                assertThat(c.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .hasSizeLessThanOrEqualTo(63));
    assertThat(run.warnings())
        .anyMatch(w -> w.startsWith("long_names." + prefix + "A: renamed to " + longCols.get(0)));
    assertThat(run.warnings())
        .anyMatch(w -> w.startsWith("long_names." + prefix + "B: renamed to " + longCols.get(1)));
    assertThat(run.warnings()).anyMatch(w -> w.contains("\"order\" is a reserved word"));
    assertThat(
            run.list(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' ORDER BY 1"))
        .containsExactly("Order Details", "camelcase", "long_names");
    assertThat(
            run.list(
                "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_name = 'Order Details' ORDER BY ordinal_position"))
        .containsExactly("orderid", "Unit Price", "order", "user", "group");
    assertThat(
            run.column(
                "SELECT \"Unit Price\" FROM \"Order Details\" ORDER BY \"order\"", Double.class))
        .containsExactly(9.5, 2.25);
    run.independentlyEqual(
        "Order Details", "\"OrderID\", \"order\"", "Order Details", "orderid, \"order\"");
    run.independentlyEqual("long_names", "id");
    run.independentlyEqual("CamelCase", "\"Id\"", "camelcase", "id");
  }

  @Test
  void compositeAndTextKeysKeepRowsThatDifferOnlyInCaseOrSpace() throws Exception {
    Run run = migrate("composite_text_keys");
    assertThat(
            run.list(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'p'"
                    + " AND connamespace = 'public'::regnamespace"
                    + " ORDER BY 1"))
        .containsExactly("PRIMARY KEY (code)", "PRIMARY KEY (locale, key)");
    assertThat(run.one("SELECT count(*) FROM translations WHERE locale = 'en'")).isEqualTo("3");
    run.independentlyEqual(
        "translations", "locale, key", "translations", "locale COLLATE \"C\", key COLLATE \"C\"");
    run.independentlyEqual("countries", "code", "countries", "code COLLATE \"C\"");
  }

  @Test
  void duplicateRowsOfATableWithoutKeyBothArrive() throws Exception {
    Run run = migrate("no_primary_key_duplicates");
    assertThat(run.table("events").copiedRows()).isEqualTo(5);
    assertThat(run.one("SELECT count(*) FROM events WHERE kind = 'click' AND payload = 'a'"))
        .isEqualTo("2");
    assertThat(run.one("SELECT count(*) FROM events WHERE kind = 'view' AND payload IS NULL"))
        .isEqualTo("2");
    run.independentlyEqual(
        "events",
        "at, kind, payload",
        "events",
        "at COLLATE \"C\", kind COLLATE \"C\", payload COLLATE \"C\" NULLS FIRST");
  }

  @Test
  void booleansBecomeBooleanUnlessAValueIsNotZeroOrOne() throws Exception {
    Run run = migrate("booleans");
    assertThat(run.type("flags", "active")).isEqualTo("boolean");
    assertThat(run.column("SELECT active FROM flags ORDER BY id", Boolean.class))
        .containsExactly(true, false, true, false);
    assertThat(run.type("flags", "state")).isEqualTo("bigint");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("flags.state: created as bigint"));
    assertThat(run.column("SELECT state FROM flags ORDER BY id", Long.class))
        .containsExactly(0L, 1L, 2L, null);
    run.independentlyEqual("flags", "id");
  }

  @Test
  void datetimesBecomeTimestampsWhenEveryValueIsATime() throws Exception {
    Run run = migrate("datetimes");
    assertThat(run.type("iso_local", "at")).isEqualTo("timestamp without time zone");
    assertThat(run.column("SELECT at FROM iso_local ORDER BY id", LocalDateTime.class))
        .containsExactly(
            LocalDateTime.of(2024, 1, 1, 12, 0),
            LocalDateTime.of(2024, 1, 1, 12, 0, 0, 123_456_000),
            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 500_000_000),
            null);
    assertThat(run.type("iso_zoned", "at")).isEqualTo("timestamp with time zone");
    assertThat(run.column("SELECT at FROM iso_zoned ORDER BY id", OffsetDateTime.class))
        .extracting(OffsetDateTime::toInstant)
        .containsExactly(
            OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC).toInstant(),
            OffsetDateTime.of(2024, 6, 1, 10, 0, 0, 0, ZoneOffset.UTC).toInstant(),
            OffsetDateTime.of(2024, 6, 1, 17, 30, 0, 250_000_000, ZoneOffset.UTC).toInstant());
    assertThat(run.type("epoch_seconds", "at")).isEqualTo("timestamp with time zone");
    assertThat(
            run.column("SELECT at FROM epoch_seconds ORDER BY id", OffsetDateTime.class)
                .get(0)
                .toInstant())
        .hasToString("2024-01-01T12:00:00Z");
    assertThat(run.type("epoch_millis", "at")).isEqualTo("timestamp with time zone");
    assertThat(
            run.column("SELECT at FROM epoch_millis ORDER BY id", OffsetDateTime.class)
                .get(0)
                .toInstant())
        .hasToString("2024-01-01T12:00:00.123Z");
    assertThat(run.type("julian", "at")).isEqualTo("timestamp without time zone");
    assertThat(run.column("SELECT at FROM julian ORDER BY id", LocalDateTime.class))
        .containsExactly(
            LocalDateTime.of(2024, 1, 1, 0, 0),
            LocalDateTime.of(2000, 1, 1, 6, 0),
            LocalDateTime.of(2024, 2, 29, 18, 0));
    for (String t : List.of("iso_local", "iso_zoned", "epoch_seconds", "epoch_millis", "julian")) {
      run.independentlyEqual(t, "id");
    }
  }

  @Test
  void integralJulianDayStaysANumberAndIsReported() throws Exception {
    Run run = migrate("datetimes");
    // julianday('2024-01-01 12:00:00') is 2460311.0, which NUMERIC affinity stored as INTEGER:
    // not a time the rules can recognise, so the values must arrive as numbers, with a warning.
    assertThat(run.type("julian_noon", "at")).isEqualTo("numeric");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("julian_noon.at: created as numeric"));
    assertThat(run.column("SELECT at FROM julian_noon ORDER BY id", BigDecimal.class))
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("2460311"), new BigDecimal("2451544.5"));
    run.independentlyEqual("julian_noon", "id");
  }

  @Test
  void anInvalidDateKeepsTheColumnTextAndIsReported() throws Exception {
    Run run = migrate("datetimes");
    assertThat(run.type("bad_date", "at")).isEqualTo("text");
    assertThat(run.type("bad_date", "d")).isEqualTo("text");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("bad_date.at: created as text"));
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("bad_date.d: created as text"));
    assertThat(run.column("SELECT d FROM bad_date ORDER BY id", String.class))
        .containsExactly("2020-02-28", "2020-02-30");
    run.independentlyEqual("bad_date", "id");
  }

  @Test
  void anInvalidDateIsNamedInTheWarning() throws Exception {
    Run run = migrate("datetimes");
    // "every value arrives unchanged in meaning, or the tool says exactly which row and column":
    // the warning should point at the value that kept the column from being a date.
    assertThat(run.warnings())
        .anyMatch(w -> w.startsWith("bad_date.d:") && w.contains("2020-02-30"));
  }

  @Test
  void jsonBecomesJsonbUnlessARowIsNotJson() throws Exception {
    Run run = migrate("json_text");
    assertThat(run.type("docs", "body")).isEqualTo("jsonb");
    assertThat(run.one("SELECT body ->> 'emoji' FROM docs WHERE id = 5")).isEqualTo("😀");
    assertThat(run.one("SELECT body ->> 'n' FROM docs WHERE id = 5"))
        .isEqualTo("12345678901234567890");
    assertThat(run.type("docs_bad", "body")).isEqualTo("text");
    assertThat(run.warnings()).anyMatch(w -> w.startsWith("docs_bad.body: created as text"));
    assertThat(run.one("SELECT body FROM docs_bad WHERE id = 2")).isEqualTo("{not json");
    run.independentlyEqual("docs", "id");
    run.independentlyEqual("docs_bad", "id");
  }

  @Test
  void decimalsKeepTheirDeclaredTypeWhenEveryValueFits() throws Exception {
    Run run = migrate("decimal_fit");
    assertThat(run.type("prices_ok", "price")).isEqualTo("numeric(5,2)");
    assertThat(run.column("SELECT price::text FROM prices_ok ORDER BY id", String.class))
        .containsExactly("12.00", "4.50", "999.99", "-0.01", null);
    run.independentlyEqual("prices_ok", "id");
  }

  @Test
  void aDecimalThatDoesNotFitWidensToNumericAndIsReported() throws Exception {
    Run run = migrate("decimal_fit");
    assertThat(run.type("prices_wide", "price")).isEqualTo("numeric");
    assertThat(run.warnings())
        .anyMatch(
            w -> w.startsWith("prices_wide.price: created as numeric") && w.contains("12345.678"));
    assertThat(run.one("SELECT price FROM prices_wide WHERE id = 3")).isEqualTo("12345.678");
    run.independentlyEqual("prices_wide", "id");
  }

  @Test
  void autoincrementNeverHandsOutADeletedId() throws Exception {
    Run run = migrate("autoincrement_deleted");
    assertThat(
            run.one(
                "SELECT is_identity FROM information_schema.columns"
                    + " WHERE table_name = 'tickets' AND column_name = 'id'"))
        .isEqualTo("YES");
    run.independentlyEqual("tickets", "id");
    assertThat(run.one("INSERT INTO tickets (title) VALUES ('six') RETURNING id"))
        .as("next id after sqlite_sequence's 5")
        .isEqualTo("6");
    assertThat(run.result().notMigrated()).anyMatch(n -> n.name().equals("sqlite_sequence"));
  }

  @Test
  void orphanedForeignKeysArriveAndTheConstraintIsNotValidWithTheCount() throws Exception {
    Run run = migrate("orphaned_fks");
    assertThat(run.table("books").copiedRows()).isEqualTo(5);
    assertThat(
            run.list(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE contype = 'f' AND NOT convalidated"))
        .containsExactly("FOREIGN KEY (author_id) REFERENCES authors(id) NOT VALID");
    assertThat(run.warnings())
        .anyMatch(
            w ->
                w.startsWith("books: foreign key")
                    && w.contains("NOT VALID")
                    && w.contains("2 rows")
                    && w.contains("7")
                    && w.contains("8"));
    run.independentlyEqual("authors", "id");
    run.independentlyEqual("books", "id");
  }

  @Test
  void checkConstraintsAreCreatedOrListedAsNotMigrated() throws Exception {
    Run run = migrate("check_constraints");
    List<String> checks =
        run.list(
            "SELECT conname FROM pg_constraint WHERE contype = 'c'"
                + " AND connamespace = 'public'::regnamespace");
    List<String> listed =
        run.result().notMigrated().stream()
            .filter(n -> n.kind().equals("check"))
            .map(NotMigrated::name)
            .toList();
    assertThat(checks.size() + listed.size())
        .as("CHECKs created %s plus listed as not migrated %s", checks, listed)
        .isEqualTo(3);
    run.independentlyEqual("accounts", "id");
  }

  @Test
  void checkConstraintsAreCreated() throws Exception {
    Run run = migrate("check_constraints");
    assertThat(
            run.list(
                "SELECT conname FROM pg_constraint WHERE contype = 'c'"
                    + " AND connamespace = 'public'::regnamespace"))
        .contains("adult")
        .hasSize(3);
    try (Connection c = TestPostgres.connect(run.url());
        Statement s = c.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> s.execute("INSERT INTO accounts (balance, kind) VALUES (-1, 'checking')"))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void indexesKeepDescAndNocase() throws Exception {
    Run run = migrate("index_kinds");
    List<String> defs = run.list("SELECT indexdef FROM pg_indexes WHERE tablename = 'users'");
    assertThat(defs).anyMatch(d -> d.contains("users_newest") && d.contains("(created DESC)"));
    assertThat(defs)
        .anyMatch(
            d ->
                d.startsWith("CREATE UNIQUE INDEX users_login_nocase")
                    && d.contains("lower(login)"));
    run.independentlyEqual("users", "id");
  }

  @Test
  void aPartialIndexKeepsItsWhereClause() throws Exception {
    Run run = migrate("index_kinds");
    List<String> defs = run.list("SELECT indexdef FROM pg_indexes WHERE indexname = 'users_live'");
    // Created without WHERE is a different index (and for a UNIQUE one, a different rule); if it
    // cannot be translated it must be listed in notMigrated instead.
    boolean listed =
        run.result().notMigrated().stream().anyMatch(n -> n.name().equals("users_live"));
    assertThat(listed || (defs.size() == 1 && defs.get(0).contains("WHERE (deleted_at IS NULL)")))
        .as("users_live: %s", defs)
        .isTrue();
  }

  @Test
  void anExpressionIndexIsCreated() throws Exception {
    Run run = migrate("index_kinds");
    assertThat(run.list("SELECT indexdef FROM pg_indexes WHERE indexname = 'users_email_lower'"))
        .as("notMigrated: %s", run.result().notMigrated())
        .singleElement()
        .asString()
        .contains("lower(email)");
  }

  @Test
  void viewsAreCreated() throws Exception {
    Run run = migrate("views");
    assertThat(run.list("SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY 1"))
        .as("notMigrated: %s", run.result().notMigrated())
        .containsExactly("north_sales", "region_totals");
    assertThat(run.one("SELECT total FROM region_totals WHERE region = 'north'")).isEqualTo("15");
  }

  @Test
  void triggersAreListedAsNotMigratedWithTheirSql() throws Exception {
    Run run = migrate("triggers");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.kind().equals("trigger"))
        .extracting(NotMigrated::name)
        .containsExactlyInAnyOrder("notes_audit", "notes_touch");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.name().equals("notes_audit"))
        .singleElement()
        .satisfies(n -> assertThat(n.sql()).contains("INSERT INTO audit"));
    assertThat(run.list("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).isEmpty();
    run.independentlyEqual("notes", "id");
    run.independentlyEqual("audit", "id");
  }

  @Test
  void generatedColumnsArriveWithTheValuesSqliteComputed() throws Exception {
    Run run = migrate("generated_columns");
    assertThat(run.column("SELECT full_name FROM people ORDER BY id", String.class))
        .containsExactly("Ada Lovelace", "Alan Turing");
    assertThat(run.column("SELECT total FROM people ORDER BY id", Long.class))
        .containsExactly(10L, 21L);
    assertThat(
            run.list(
                "SELECT column_name FROM information_schema.columns WHERE table_name ="
                    + " 'people' AND is_generated = 'ALWAYS' ORDER BY column_name"))
        .as("translatable expressions stay generated, and verification checked their values")
        .containsExactly("full_name", "total");
    assertThat(run.column("SELECT kind FROM people ORDER BY id", String.class))
        .containsExactly("integer", "integer");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.kind().equals("generated column expression"))
        .extracting(NotMigrated::name)
        .containsExactly("people.kind");
    run.independentlyEqual("people", "id");
  }

  @Test
  void generatedColumnWarningsQuoteTheExpression() throws Exception {
    Run run = migrate("generated_columns");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.name().equals("people.kind"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.sql())
                    .as("the expression to recreate by hand")
                    .contains("typeof(qty)"));
  }

  @Test
  void fts5IsListedAndItsShadowTablesAreNotCopied() throws Exception {
    Run run = migrate("fts5");
    assertThat(run.result().tables()).extracting(TableReport::sourceTable).containsExactly("notes");
    assertThat(
            run.list(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public'"))
        .containsExactly("notes");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.kind().equals("virtual table"))
        .extracting(NotMigrated::name)
        .containsExactly("notes_fts");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.kind().equals("shadow table"))
        .extracting(NotMigrated::name)
        .containsExactlyInAnyOrder(
            "notes_fts_data",
            "notes_fts_idx",
            "notes_fts_content",
            "notes_fts_docsize",
            "notes_fts_config");
    run.independentlyEqual("notes", "id");
  }

  @Test
  void shadowTablesNameTheirVirtualTable() throws Exception {
    Run run = migrate("fts5");
    assertThat(run.result().notMigrated())
        .filteredOn(n -> n.kind().equals("shadow table"))
        .allSatisfy(n -> assertThat(n.reason()).contains("virtual table notes_fts,"));
  }

  /**
   * A live app's database in WAL mode (Chrome, Firefox and most Android apps): the newest rows are
   * only in the -wal file until a checkpoint. The .db and -wal are copied while the writer still
   * holds them open, as a backup script would; the rows in the WAL must arrive.
   */
  @Test
  void rowsStillOnlyInTheWalFileArrive() throws Exception {
    Path live = dir.resolve("live.db");
    Path copy = Files.createDirectories(dir.resolve("copy")).resolve("live.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA wal_autocheckpoint=0");
      s.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, url TEXT NOT NULL)");
      s.execute("INSERT INTO visits VALUES (1, 'https://a.example'), (2, 'https://b.example')");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      s.execute("INSERT INTO visits VALUES (3, 'https://c.example'), (4, 'https://d.example')");
      Path wal = dir.resolve("live.db-wal");
      assertThat(Files.size(wal)).as("rows 3 and 4 wait in the WAL").isPositive();
      Files.copy(live, copy);
      Files.copy(wal, dir.resolve("copy").resolve("live.db-wal"));
      Run run = migrate(copy, "wal_copy");
      assertThat(run.table("visits").copiedRows()).isEqualTo(4);
      assertThat(run.column("SELECT url FROM visits ORDER BY id", String.class))
          .endsWith("https://c.example", "https://d.example");
      run.independentlyEqual("visits", "id");

      Run fromLive = migrate(live, "wal_live");
      assertThat(fromLive.table("visits").copiedRows())
          .as("the live file, writer open")
          .isEqualTo(4);
    }
  }

  /**
   * Databases created by Windows and Qt apps with PRAGMA encoding='UTF-16le': text, including
   * characters outside the BMP (surrogate pairs in UTF-16), must arrive exactly.
   */
  @Test
  void utf16DatabaseTextArrivesExactly() throws Exception {
    Path db = dir.resolve("utf16.db");
    List<String> texts =
        List.of("plain", "ünïcødé", "😀 grinning", "𝄞 clef 𐍈 hwair", "中文 текст", "");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA encoding='UTF-16le'");
      s.execute("CREATE TABLE words (id INTEGER PRIMARY KEY, w TEXT, note VARCHAR(10))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO words VALUES (?, ?, ?)")) {
        for (int i = 0; i < texts.size(); i++) {
          ps.setInt(1, i + 1);
          ps.setString(2, texts.get(i));
          ps.setString(3, i % 2 == 0 ? texts.get(i) : null);
          ps.executeUpdate();
        }
      }
      try (ResultSet rs = s.executeQuery("PRAGMA encoding")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("UTF-16le");
      }
    }
    Run run = migrate(db, "utf16");
    assertThat(run.type("words", "w")).isEqualTo("text");
    assertThat(run.column("SELECT w FROM words ORDER BY id", String.class))
        .containsExactlyElementsOf(texts);
    run.independentlyEqual("words", "id");
  }
}
