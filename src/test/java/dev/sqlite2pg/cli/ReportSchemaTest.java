package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON report's published contract, {@code docs/report.schema.json} (issue 17), checked with a
 * JSON Schema validator (networknt, draft 2020-12) against reports the tool wrote: a migrate, a
 * verify, one with differences, one with rejected rows, fleets (a schema per file, merged, and
 * their verify). The schema lists every field, so a field added to the report without it fails
 * here; and it is shown to refuse a report with a wrong type, so this test can fail.
 */
@NeedsServer
class ReportSchemaTest {

  @TempDir static Path dir;
  static Schema schema;

  @BeforeAll
  static void schema() throws Exception {
    schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(
                Files.readString(Path.of("docs", "report.schema.json"), StandardCharsets.UTF_8),
                InputFormat.JSON);
  }

  @Test
  void migrateAndVerifyReportsFollowTheSchema() throws Exception {
    Path db = Fixtures.build("shop", dir);
    String url = TestPostgres.newDatabase("report_schema");
    Instant before = Instant.now().minusMillis(1);
    String migrated = report(0, "migrate", db.toString(), url);
    assertThat(migrated).contains("\"complete\" : true");
    assertValid(report(0, "verify", db.toString(), url));
    assertValid(migrated);
    assertThat(migrated).contains("\"name\" : \"copy\"");
    assertInvalid(migrated.replace("\"name\" : \"copy\"", "\"name\" : \"copying\""), "name");
    assertThat(field(migrated, "sqlite2pg_version")).isEqualTo(Version.number());
    Instant started = Instant.parse(field(migrated, "started_at"));
    assertThat(started).isAfter(before);
    assertThat(Instant.parse(field(migrated, "finished_at"))).isAfterOrEqualTo(started);

    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute("UPDATE customers SET email = 'changed@example.com' WHERE id = 1");
    }
    String differs = report(6, "verify", db.toString(), url);
    assertThat(differs).contains("\"kind\" : \"changed\"");
    assertValid(differs);
  }

  @Test
  void aRunWithRejectedRowsFollowsTheSchema() throws Exception {
    Path db =
        Fixtures.buildFromSql(
            """
            -- Coupons entered with a word for the discount, and an order without a total.
            CREATE TABLE coupons (id INTEGER PRIMARY KEY, percent INTEGER);
            INSERT INTO coupons VALUES (1, 'half'), (2, 5);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL);
            INSERT INTO orders VALUES (1, 10.0), (2, 'n/a');
            CREATE TRIGGER audit AFTER INSERT ON orders BEGIN SELECT 1; END;
            """,
            dir.resolve("rejects.db"));
    String url = TestPostgres.newDatabase("report_schema_rejects");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE coupons (id bigint PRIMARY KEY, percent integer);"
              + " CREATE TABLE orders (id bigint PRIMARY KEY, total double precision)");
    }
    String json = report(3, "migrate", db.toString(), url, "--data-only");
    assertThat(json).contains("\"rejected_rows\" : 2").contains("\"kind\" : \"trigger\"");
    assertValid(json);
  }

  @Test
  void fleetReportsFollowTheSchema() throws Exception {
    Path files = Files.createDirectories(dir.resolve("stores"));
    Fixtures.buildFromSql(Fixtures.script("shop"), files.resolve("north.db"));
    Fixtures.buildFromSql(Fixtures.script("shop"), files.resolve("south.db"));
    String url = TestPostgres.newDatabase("report_schema_fleet");
    String each = report(0, "migrate", files.toString(), url);
    assertThat(each).contains("\"files\"").contains("\"unit\" : \"north\"");
    assertValid(each);
    assertValid(report(0, "verify", files.toString(), url));
    String merged =
        report(
            0,
            "migrate",
            files.toString(),
            url,
            "--merge",
            "--schema",
            "merged",
            "--tenant-column",
            "store");
    assertThat(merged)
        .contains("\"keys\"", "\"tenants\"", "\"equal\" : true")
        .contains("\"tenant_column\" : \"store\"");
    assertValid(merged);
  }

  @Test
  void theSchemaRefusesAWrongTypeAMissingFieldAndAnUnknownOne() throws Exception {
    String ok =
        """
        {"format_version": 1, "sqlite2pg_version": "0.1.0", "started_at": "2026-12-07T17:59:35.931Z",
         "finished_at": "2026-12-07T17:59:37.002Z", "source": "app.db",
         "target": "postgresql://app@db/app", "schema": "public", "tables": [],
         "equal": true, "seconds": 1.071, "exit_code": 0}
        """;
    assertValid(ok);
    assertInvalid(ok.replace("\"equal\": true", "\"equal\": \"yes\""), "equal");
    assertInvalid(ok.replace("\"format_version\": 1, ", ""), "format_version");
    assertInvalid(ok.replace("\"format_version\": 1", "\"format_version\": 2"), "format_version");
    assertInvalid(ok.replace("\"seconds\"", "\"secs\""), "secs");
    assertInvalid(ok.replace("17:59:35.931Z", "17:59:35"), "started_at");
    // "steps" (per-step durations) belong to a migrate report, where they are required (the real
    // reports above have them); a verify report has none.
    assertInvalid(
        ok.replace(
            "\"seconds\"", "\"steps\": [{\"name\": \"verify\", \"seconds\": 1.0}], \"seconds\""),
        "steps");
  }

  /** Runs the command with --report and returns the report it wrote, after its exit code. */
  private static String report(int exitCode, String... args) throws Exception {
    Path file = Files.createTempFile(dir, "report-", ".json");
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-q";
    all[args.length + 1] = "--report";
    all[args.length + 2] = file.toString();
    CliRun r = CliRun.run(all);
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(exitCode);
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void assertValid(String json) {
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    assertThat(errors).as(json).isEmpty();
  }

  private static void assertInvalid(String json, String naming) {
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    assertThat(errors).as(json).isNotEmpty();
    assertThat(errors.toString()).contains(naming);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\" : \"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }
}
