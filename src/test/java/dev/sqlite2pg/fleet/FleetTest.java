package dev.sqlite2pg.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.sync.load.Drill;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many SQLite files into one PostgreSQL (issue 15): stores a schema each, and merged fleets. */
@NeedsServer
class FleetTest {

  private static final Path CORPUS = Path.of("..", "shared", "corpus");

  @TempDir Path dir;

  /** A directory of an application's stores (three real databases), one command, a schema each. */
  @Test
  void aDirectoryOfStoresLoadsEachIntoItsSchema() throws Exception {
    Path stores = Files.createDirectories(dir.resolve("stores"));
    for (String f : List.of("chinook.sqlite", "northwind.sqlite", "sql-murder-mystery.db")) {
      Files.copy(CORPUS.resolve(f), stores.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    String url = TestPostgres.newDatabase("stores");
    Path json = dir.resolve("stores.json");
    CliRun r = CliRun.run("migrate", stores.toString(), url, "--report", json.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("3 files into", "schema chinook", "schema northwind", "schema sql_murder_mystery")
        .contains("Result: OK");
    try (Connection c = TestPostgres.connect(url)) {
      assertThat(count(c, "chinook.track")).isEqualTo(3503);
      assertThat(count(c, "northwind.orders")).isEqualTo(830);
      assertThat(count(c, "sql_murder_mystery.person")).isEqualTo(10011);
    }
    assertThat(Files.readString(json)).contains("\"files\"", "\"unit\" : \"northwind\"");
    CliRun v = CliRun.run("verify", stores.toString(), url);
    assertThat(v.exitCode()).isZero();
    // Done files are not loaded again by --resume; an unchanged run says so for each.
    CliRun again = CliRun.run("migrate", stores.toString(), url, "--resume");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("3 done by an earlier run");
  }

  /**
   * --data-only: an application's stores loaded into the tables it created in one schema, one file
   * after another (here the tables come from loading each file once and emptying them).
   */
  @Test
  void storesLoadIntoTheApplicationsTablesWithDataOnly() throws Exception {
    Path stores = Files.createDirectories(dir.resolve("app-stores"));
    Path shop = dev.sqlite2pg.testing.Fixtures.build("shop", stores);
    Path music = stores.resolve("chinook.sqlite");
    Files.copy(CORPUS.resolve("chinook.sqlite"), music);
    String url = TestPostgres.newDatabase("appstores");
    for (Path p : List.of(shop, music)) {
      assertThat(CliRun.run("migrate", p.toString(), url, "--schema", "app").exitCode()).isZero();
    }
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE"
              + " schemaname = 'app' LOOP EXECUTE format('TRUNCATE app.%I CASCADE', t); END LOOP;"
              + " END $$");
    }
    CliRun r =
        CliRun.run(
            "migrate", shop.toString(), music.toString(), url, "--data-only", "--schema", "app");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("one after another into the tables of schema app");
    try (Connection c = TestPostgres.connect(url)) {
      assertThat(count(c, "app.track")).isEqualTo(3503);
      assertThat(count(c, "app.customers")).isPositive();
    }
  }

  /**
   * 200 tenant files with colliding ids merged with a tenant column, killed with SIGKILL a third of
   * the way in and resumed: every row once per tenant, keys unique per tenant, foreign keys valid
   * within each tenant, verify per tenant; a changed row is found in its tenant.
   */
  @Test
  void aFleetMergesWithATenantColumnAndResumesAfterKill9() throws Exception {
    Path fleet = Files.createDirectories(dir.resolve("fleet"));
    for (int i = 0; i < 200; i++) {
      TenantFiles.build(fleet, i);
    }
    String url = TestPostgres.newDatabase("fleet");
    String[] args = {
      "migrate", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id", "-j", "2"
    };
    Path log = dir.resolve("killed.log");
    Process p = Drill.cli(log, Optional.empty(), args);
    Drill.awaitLine(p, log, "file 60 of 200 ended");
    Drill.kill(p);

    CliRun again = CliRun.run(concat(args, "--resume"));
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).doesNotContain("not migrated", "warning");
    assertThat(again.out())
        .containsPattern("Files: 200; \\d+ ran, (\\d+) done by an earlier run, 0 failed")
        .contains("Keys: primary keys, unique constraints, indexes and foreign keys")
        .contains(
            "Verify: 200 tenants, "
                + String.format(java.util.Locale.ROOT, "%,d", perTenantSum(200, 9))
                + " rows, each tenant's tables compared with its file (row count and fingerprint):"
                + " all equal");
    java.util.regex.Matcher done =
        java.util.regex.Pattern.compile("(\\d+) done by an earlier run").matcher(again.out());
    assertThat(done.find()).isTrue();
    // The kill came after file 60 ended, so at least 60 were recorded done and not loaded again.
    assertThat(Integer.parseInt(done.group(1))).isBetween(60, 199);
    try (Connection c = TestPostgres.connect(url)) {
      Map<String, Long> perTenant = perTenant(c, "customers");
      assertThat(perTenant).hasSize(200);
      for (int i = 0; i < 200; i++) {
        assertThat(perTenant.get(TenantFiles.tenant(i)))
            .as(TenantFiles.tenant(i))
            .isEqualTo(TenantFiles.customers(i));
      }
      assertThat(count(c, "order_items")).isEqualTo(perTenantSum(200, 6));
      assertThat(scalar(c, "SELECT count(*) FROM customers WHERE id = 1")).isEqualTo(200);
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'f')"
                      + " AND conrelid::regclass::text IN ('customers', 'orders', 'order_items')"
                      + " AND conkey[1] = (SELECT attnum FROM pg_attribute WHERE attrelid ="
                      + " conrelid AND attname = 'tenant_id') AND convalidated"))
          .as("three primary keys and two foreign keys, each led by tenant_id")
          .isEqualTo(5);
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM pg_indexes WHERE tablename = 'customers' AND indexdef LIKE"
                      + " 'CREATE UNIQUE INDEX %(tenant_id, email)'"))
          .isEqualTo(1);
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer' AND"
                      + " indexdef LIKE 'CREATE INDEX %(tenant_id, customer_id)'"))
          .as("a non-unique index leads with the tenant column too")
          .isEqualTo(1);
      assertThat(scalar(c, "SELECT count(*) FROM sqlite2pg.fleet_files WHERE status = 'done'"))
          .isEqualTo(200);
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers'"
                      + " AND column_name = 'tenant_id' AND column_default IS NULL"))
          .as("the tenant's value comes in the COPY: the column has no default")
          .isEqualTo(1);
      assertThat(scalar(c, "SELECT count(*) FROM sqlite2pg.fleet_tables"))
          .as("each file's three tables recorded as its source had them")
          .isEqualTo(600);
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM pg_class WHERE relname IN ('customers', 'orders',"
                      + " 'order_items') AND reloptions IS NULL"))
          .as("autovacuum back on once the keys are built")
          .isEqualTo(3);
    }
    CliRun verify =
        CliRun.run("verify", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id");
    assertThat(verify.exitCode()).isZero();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute("UPDATE orders SET total = total + 1 WHERE tenant_id = 'tenant_042' AND id = 1");
    }
    CliRun changed =
        CliRun.run("verify", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id");
    assertThat(changed.exitCode()).isEqualTo(6);
    assertThat(changed.out()).contains("tenant_042.db -> tenant tenant_042").contains("orders");
    assertThat(changed.out().lines().filter(l -> l.contains("NOT OK") || l.contains("differ")))
        .allMatch(l -> !l.contains("tenant_041"));

    // A --resume of the done fleet compares every tenant again, and the file whose tenant differs
    // row by row.
    CliRun resumed = CliRun.run(concat(args, "--resume"));
    assertThat(resumed.exitCode()).isEqualTo(6);
    assertThat(resumed.out())
        .contains("200 done by an earlier run")
        .contains("1 tenant table differs, NOT OK")
        .containsPattern("tenant_042 +orders: the same number of rows, with other values")
        .contains("tenant_042.db -> tenant tenant_042: done by an earlier run, NOT OK now: exit 6")
        .containsPattern("orders.*0 missing, 0 extra, 1 changed");
  }

  /** A file whose schema differs is named with what differs, and nothing is loaded. */
  @Test
  void aFileWithAnotherSchemaIsRefusedByName() throws Exception {
    Path fleet = Files.createDirectories(dir.resolve("mixed"));
    for (int i = 0; i < 5; i++) {
      TenantFiles.build(fleet, i);
    }
    Path odd = TenantFiles.build(fleet, 5);
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + odd);
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE customers ADD COLUMN phone TEXT");
    }
    String url = TestPostgres.newDatabase("mixed");
    CliRun r =
        CliRun.run("migrate", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("1 of 6 files have another schema than")
        .contains("tenant_005.db: table customers: has a column phone the reference lacks")
        .contains("nothing was loaded");
    assertThat(r.err().lines().filter(l -> l.contains("another schema: ")).count()).isEqualTo(1);
    try (Connection c = TestPostgres.connect(url)) {
      assertThat(scalar(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }
  }

  /**
   * Two shards on one target, as two pods of an indexed Job: the first leaves the keys, the second
   * finds every file in and builds them; together they hold the whole fleet once.
   */
  @Test
  void twoShardsLoadTheWholeFleetAndTheLastBuildsTheKeys() throws Exception {
    Path fleet = Files.createDirectories(dir.resolve("sharded"));
    for (int i = 0; i < 12; i++) {
      TenantFiles.build(fleet, i);
    }
    String url = TestPostgres.newDatabase("sharded");
    String[] args = {"migrate", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id"};
    CliRun first = CliRun.run(concat(args, "--shard", "1/2"));
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("Keys: not built by this run").contains("of 12 files are in");
    assertThat(first.out()).contains("OK, not verified yet").doesNotContain("OK, verified");
    String tampered;
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      // A row of a tenant the first shard loaded goes missing before the second finishes.
      try (ResultSet rs = s.executeQuery("SELECT min(tenant_id) FROM customers")) {
        rs.next();
        tampered = rs.getString(1);
      }
      s.execute(
          "DELETE FROM order_items WHERE tenant_id = '"
              + tampered
              + "' AND order_id = (SELECT min(order_id) FROM order_items WHERE tenant_id = '"
              + tampered
              + "') AND line = 1");
    }
    CliRun second = CliRun.run(concat(args, "--shard", "2/2"));
    assertThat(second.out()).contains("Keys: primary keys");
    // The last shard compares every tenant, its own and the first's, from what each file recorded
    // when it loaded: it need not read the first shard's files.
    assertThat(second.exitCode()).isEqualTo(6);
    assertThat(second.out())
        .contains("Verify: 12 tenants")
        .contains("1 tenant table differs, NOT OK")
        .containsPattern(tampered + " +order_items: \\d+ rows in its file, \\d+ in the target");
    try (Connection c = TestPostgres.connect(url)) {
      assertThat(perTenant(c, "customers")).hasSize(12);
      assertThat(count(c, "customers")).isEqualTo(perTenantSum(12, 1));
    }
    // verify over all files, as the Job after the shards: the tenant's missing row, by key.
    CliRun verify =
        CliRun.run("verify", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id");
    assertThat(verify.exitCode()).isEqualTo(6);
    assertThat(verify.out()).contains(tampered + ".db -> tenant " + tampered).contains("1 missing");
  }

  /**
   * A shard loaded with --no-verify recorded nothing to compare: the run that finishes the fleet
   * names those tenants as not verified, never as equal.
   */
  @Test
  void tenantsLoadedWithoutVerifyAreNamedNotVerified() throws Exception {
    Path fleet = Files.createDirectories(dir.resolve("unverified"));
    for (int i = 0; i < 6; i++) {
      TenantFiles.build(fleet, i);
    }
    String url = TestPostgres.newDatabase("unverified");
    String[] args = {"migrate", fleet.toString(), url, "--merge", "--tenant-column", "tenant_id"};
    CliRun first = CliRun.run(concat(args, "--shard", "1/2", "--no-verify"));
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("OK, not verified (--no-verify)").doesNotContain("Verify:");
    CliRun second = CliRun.run(concat(args, "--shard", "2/2"));
    assertThat(second.exitCode()).isZero();
    long unverified =
        first.out().lines().filter(l -> l.contains("not verified (--no-verify)")).count();
    assertThat(unverified).isPositive();
    assertThat(second.out())
        .contains("Verify: " + (6 - unverified) + " tenants")
        .contains("all equal")
        .contains(
            "not verified: " + unverified + " tenants whose files were loaded with --no-verify");
  }

  private static long perTenantSum(int tenants, int perCustomer) {
    long sum = 0;
    for (int i = 0; i < tenants; i++) {
      sum += (long) TenantFiles.customers(i) * perCustomer;
    }
    return sum;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Map<String, Long> perTenant(Connection c, String table) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT tenant_id, count(*) FROM " + table + " GROUP BY tenant_id")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static long count(Connection c, String table) throws SQLException {
    return scalar(c, "SELECT count(*) FROM " + table);
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
