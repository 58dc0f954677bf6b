package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data-only} into the column types applications create for themselves (Django 3.2,
 * SQLAlchemy, Rails): each fixture's PostgreSQL schema is created as the framework would, the rows
 * are loaded, the values that do not fit are rejected rows with their reasons, the tool's verify
 * passes, PostgreSQL's own text output of each column shows the values (an independent check), and
 * verify finds a value changed afterwards in each of the new types.
 */
@NeedsServer
class TargetTypesTest {

  @TempDir Path dir;

  private String target(String name, String pgScript) throws SQLException {
    String url = TestPostgres.newDatabase(name);
    exec(url, Fixtures.script(pgScript));
    return url;
  }

  private MigrationResult load(String fixture, String url, List<String> casts) {
    return Migrator.configure()
        .source(Fixtures.build(fixture, dir))
        .target(new JdbcTarget(url))
        .dataOnly(true)
        .casts(casts)
        .build()
        .migrate();
  }

  private VerifyResult verify(String fixture, String url, List<String> casts) {
    return Migrator.configure()
        .source(dir.resolve(fixture + ".db"))
        .target(new JdbcTarget(url))
        .casts(casts)
        .build()
        .verify();
  }

  private static TableReport table(MigrationResult r, String name) {
    return r.tables().stream().filter(t -> t.sourceTable().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> reasons(TableReport t) {
    return t.rejected().stream().map(x -> x.key() + " " + x.column() + ": " + x.reason()).toList();
  }

  private static void exec(String url, String... sql) throws SQLException {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** Each row of {@code sql} as its columns' text joined by " | " (NULL as "NULL"). */
  private static List<String> rows(String url, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          String v = rs.getString(i);
          cols.add(v == null ? "NULL" : v);
        }
        out.add(String.join(" | ", cols));
      }
    }
    return out;
  }

  /** Changes one value in the target, then expects verify to find that row changed. */
  private void detects(String fixture, String url, List<String> casts, String update)
      throws SQLException {
    exec(url, update);
    VerifyResult v = verify(fixture, url, casts);
    assertThat(v.equal()).as(update).isFalse();
    assertThat(v.tables()).anySatisfy(t -> assertThat(t.changed()).as(update).isEqualTo(1));
  }

  @Test
  void django32TimeDurationIpUuidAndVarcharColumns() throws Exception {
    String url = target("django32", "django32_types_pg");
    List<String> casts = List.of("shop_event.length=interval:microseconds");
    MigrationResult r = load("django32_types", url, casts);

    TableReport t = table(r, "shop_event");
    assertThat(t.copiedRows()).isEqualTo(4);
    assertThat(reasons(t))
        .containsExactlyInAnyOrder(
            "rowid=5 title: text 'A title far too long' has 20 characters, more than varchar(12)"
                + " holds (it is not cut) (column type varchar(12))",
            "rowid=6 starts: text '25:00:00' is not a time of day (00:00:00 to 24:00:00) (column"
                + " type time)",
            "rowid=7 client_ip: text '300.1.1.1' is not an inet address (IPv4 a.b.c.d or IPv6,"
                + " optionally /prefix) (column type inet)");
    assertThat(t.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
    assertThat(
            rows(
                url,
                "SELECT id, title, starts::text, length::text, client_ip, token::text"
                    + " FROM shop_event ORDER BY id"))
        .containsExactly(
            "1 | Opening | 09:00:00 | 01:30:00 | 192.168.1.20 | 6e8bc430-956f-4a6b-9e3b-1c2d3e4f5a6b",
            "2 | Café talk | 14:30:00.25 | 00:00:01.5 | 2001:db8::1/128".replace("/128", "")
                + " | 00000000-0000-0000-0000-000000000001",
            "3 | Night shift | 23:59:59.999999 | 26:03:04.000005 | NULL"
                + " | abcdefab-cdef-abcd-efab-cdefabcdefab",
            "4 | Zero | 00:00:00 | 00:00:00 | ::ffff:10.0.0.1 | ffffffff-ffff-ffff-ffff-ffffffffffff");

    // Without the unit, numbers in the interval column are refused, naming the fix.
    String again = target("django32_nounit", "django32_types_pg");
    TableReport noUnit = table(load("django32_types", again, List.of()), "shop_event");
    assertThat(noUnit.rejected())
        .filteredOn(x -> x.key().equals("rowid=1"))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.reason())
                    .isEqualTo(
                        "integer 5400000000 is a number in an interval column whose unit is not"
                            + " stated; state it, e.g. --cast"
                            + " 'table.column=interval:microseconds' (Django's DurationField) (column type"
                            + " interval)"));

    exec(url, "DELETE FROM shop_event WHERE id > 4");
    Fixtures.buildFromSql("DELETE FROM shop_event WHERE id > 4", dir.resolve("django32_types.db"));
    assertThat(verify("django32_types", url, casts).equal()).isTrue();
    detects("django32_types", url, casts, "UPDATE shop_event SET starts = '09:00:01' WHERE id = 1");
    exec(url, "UPDATE shop_event SET starts = '09:00:00' WHERE id = 1");
    detects(
        "django32_types",
        url,
        casts,
        "UPDATE shop_event SET length = '1 day' WHERE id = 4"); // 0 became a day
    exec(url, "UPDATE shop_event SET length = '0' WHERE id = 4");
    detects(
        "django32_types", url, casts, "UPDATE shop_event SET client_ip = '10.0.0.2' WHERE id = 4");
    exec(url, "UPDATE shop_event SET client_ip = '::ffff:10.0.0.1' WHERE id = 4");
    detects(
        "django32_types",
        url,
        casts,
        "UPDATE shop_event SET token = '00000000-0000-0000-0000-000000000002' WHERE id = 2");
  }

  @Test
  void sqlalchemyEnumTakesItsLabelsAndRejectsTheRest() throws Exception {
    String url = target("sa_enum", "sqlalchemy_enum_pg");
    MigrationResult r = load("sqlalchemy_enum", url, List.of());
    TableReport t = table(r, "posts");
    assertThat(t.copiedRows()).isEqualTo(4);
    assertThat(reasons(t))
        .containsExactly(
            "rowid=5 status: text 'Draft' is not a label of enum post_status ('draft',"
                + " 'published', 'archived') (column type post_status)");
    assertThat(t.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
    assertThat(rows(url, "SELECT id, status::text FROM posts ORDER BY id"))
        .containsExactly("1 | draft", "2 | published", "3 | archived", "4 | NULL");

    Fixtures.buildFromSql("DELETE FROM posts WHERE id = 5", dir.resolve("sqlalchemy_enum.db"));
    assertThat(verify("sqlalchemy_enum", url, List.of()).equal()).isTrue();
    detects("sqlalchemy_enum", url, List.of(), "UPDATE posts SET status = 'archived' WHERE id = 1");
  }

  @Test
  void railsCitextDomainsNetworkCharTimetzAndIntervalText() throws Exception {
    String url = target("rails", "rails_pg_types_pg");
    MigrationResult r = load("rails_pg_types", url, List.of());
    TableReport t = table(r, "hosts");
    assertThat(t.copiedRows()).isEqualTo(3);
    assertThat(reasons(t))
        .hasSize(2)
        .anySatisfy(
            x ->
                assertThat(x)
                    .isEqualTo(
                        "rowid=3 net: text '192.168.1.5/24' has bits set to the right of the /24"
                            + " mask, which cidr refuses; use inet (column type cidr)"))
        // The domain's CHECK is PostgreSQL's: COPY refuses the row, bisection isolates it.
        .anySatisfy(
            x -> assertThat(x).startsWith("rowid=4 ").contains("violates check constraint"));
    // Verify expects the rows the encoders rejected to be absent; the row PostgreSQL refused
    // (the domain's CHECK) it reports as missing, and nothing else.
    assertThat(t.verification())
        .hasValueSatisfying(
            v -> {
              assertThat(v.missing()).isEqualTo(1);
              assertThat(v.changed()).isZero();
              assertThat(v.extra()).isZero();
              assertThat(v.differences())
                  .singleElement()
                  .satisfies(d -> assertThat(d.key()).isEqualTo("id=4"));
            });
    assertThat(
            rows(
                url,
                "SELECT id, email::text, port::text, net::text, mac::text, '[' || code::text ||"
                    + " ']', code2::text, opens::text, backup_every::text FROM hosts ORDER BY id"))
        .containsExactly(
            "1 | Admin@Example.com | 443 | 10.0.0.0/8 | 08:00:2b:01:02:03 | [ab] | abc"
                + " | 09:00:00+02 | 1 day 02:00:00",
            "2 | ops@example.com | 8080 | 2001:db8::/32 | 08:00:2b:01:02:04 | [xyz] | de"
                + " | 17:30:00+00 | 1 day 02:00:00",
            "5 | x@example.com | 80 | NULL | NULL | NULL | NULL | NULL | 3 mons 2 days");
    assertThat(rows(url, "SELECT octet_length(code) FROM hosts WHERE id = 1"))
        .as("char(3) is padded in the table")
        .containsExactly("3");
    assertThat(rows(url, "SELECT count(*) FROM hosts WHERE email = 'admin@example.com'"))
        .as("citext compares ignoring case")
        .containsExactly("1");

    Fixtures.buildFromSql("DELETE FROM hosts WHERE id IN (3, 4)", dir.resolve("rails_pg_types.db"));
    assertThat(verify("rails_pg_types", url, List.of()).equal()).isTrue();
    String[][] changes = {
      {"email = 'ADMIN@example.com'", "email = 'Admin@Example.com'"},
      {"port = 444", "port = 443"},
      {"net = '10.0.0.0/9'", "net = '10.0.0.0/8'"},
      {"mac = '08:00:2b:01:02:ff'", "mac = '08:00:2b:01:02:03'"},
      {"code = 'ac'", "code = 'ab'"},
      {"code2 = 'abd'", "code2 = 'abc'"},
      {"opens = '09:00:00+03'", "opens = '09:00:00+02'"},
      {"backup_every = '26 hours'", "backup_every = '1 day 02:00:00'"},
    };
    for (String[] c : changes) {
      detects("rails_pg_types", url, List.of(), "UPDATE hosts SET " + c[0] + " WHERE id = 1");
      exec(url, "UPDATE hosts SET " + c[1] + " WHERE id = 1");
    }
    assertThat(verify("rails_pg_types", url, List.of()).equal()).isTrue();
  }

  @Test
  void jsonListsLoadIntoArrayColumns() throws Exception {
    String url = target("arrays", "json_arrays_pg");
    MigrationResult r = load("json_arrays", url, List.of());
    TableReport t = table(r, "items");
    assertThat(t.copiedRows()).isEqualTo(3);
    assertThat(reasons(t))
        .containsExactlyInAnyOrder(
            "rowid=3 counts: text '[1, [2]]' is not a JSON array of scalars (one dimension),"
                + " which integer[] needs (column type integer[])",
            "rowid=4 counts: text '[1, \"2\"]' has element 2, the string '2', which is not"
                + " integer (column type integer[])");
    assertThat(t.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
    assertThat(
            rows(
                url,
                "SELECT id, tags::text, counts::text, big::text, flags::text, scores::text,"
                    + " prices::text, refs::text, codes::text FROM items ORDER BY id"))
        .containsExactly(
            "1 | {red,blue,NULL,café} | {1,2,3} | {9007199254740993} | {t,f} | {1.5,-0.25,1e+300}"
                + " | {1.10,2,0.000} | {6e8bc430-956f-4a6b-9e3b-1c2d3e4f5a6b} | {ab,c}",
            "2 | {} | {NULL} | {} | {} | {} | {} | {} | {}",
            "5 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL");

    Fixtures.buildFromSql("DELETE FROM items WHERE id IN (3, 4)", dir.resolve("json_arrays.db"));
    assertThat(verify("json_arrays", url, List.of()).equal()).isTrue();
    detects("json_arrays", url, List.of(), "UPDATE items SET counts = '{1,2,4}' WHERE id = 1");
    exec(url, "UPDATE items SET counts = '{1,2,3}' WHERE id = 1");
    detects(
        "json_arrays", url, List.of(), "UPDATE items SET prices = '{1.1,2,0.000}' WHERE id = 1");
  }

  @Test
  void epochDigitsStoredAsTextLoadIntoTimestamptz() throws Exception {
    String url = TestPostgres.newDatabase("epoch_text");
    exec(url, "CREATE TABLE logins (id bigint PRIMARY KEY, at timestamptz)");
    MigrationResult r = load("epoch_text", url, List.of());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(
            rows(
                url,
                "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM logins"
                    + " ORDER BY id"))
        .containsExactly(
            "1 | 2022-06-21 21:31:31",
            "2 | 2022-06-21 21:31:32",
            "3 | 2022-06-21 21:31:33",
            "4 | 2022-06-21 21:31:34");
    assertThat(verify("epoch_text", url, List.of()).equal()).isTrue();
    detects(
        "epoch_text",
        url,
        List.of(),
        "UPDATE logins SET at = at + interval '1 second' WHERE id = 1");
  }

  @Test
  void plainMigrateMakesDeclaredTimeATimeAndCastsCreateTheNewTypes() throws Exception {
    String url = TestPostgres.newDatabase("time_rule");
    List<String> casts =
        List.of("shifts.length=interval:microseconds", "shifts.token=uuid", "shifts.ip=inet");
    MigrationResult r =
        Migrator.configure()
            .source(Fixtures.build("django32_time_sqlite", dir))
            .target(new JdbcTarget(url))
            .casts(casts)
            .build()
            .migrate();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(
            rows(
                url,
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_name = 'shifts' ORDER BY ordinal_position"))
        .containsExactly(
            "id | bigint",
            "starts | time without time zone",
            "alarms | text",
            "length | interval",
            "token | uuid",
            "ip | inet");
    assertThat(rows(url, "SELECT starts::text, length::text, token::text FROM shifts ORDER BY id"))
        .containsExactly(
            "09:00:00 | 08:00:00 | 6e8bc430-956f-4a6b-9e3b-1c2d3e4f5a6b",
            "22:00:00.5 | 08:30:00 | 6e8bc430-956f-4a6b-9e3b-1c2d3e4f5a6c",
            "06:30:00 | 00:00:00.000001 | 6e8bc430-956f-4a6b-9e3b-1c2d3e4f5a6d");
    assertThat(verify("django32_time_sqlite", url, casts).equal()).isTrue();
  }
}
