package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.sync.ReverseFixture.Read;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reverse capture on the real PostgreSQL (design 3.8, R1): what the application writes after
 * cut-over is recorded by key (or by row image without a key) and read back as the rows that exist
 * now; forward apply's own writes are not recorded; transactions committing out of id order are all
 * consumed (M19); removal leaves the catalog as it was.
 */
@NeedsServer
class ReverseCaptureTest {

  @TempDir Path dir;

  private static final String SHOP =
      """
      -- A shop after cut-over, its application writing to PostgreSQL (design 3.8): customers
      -- keyed by a rowid alias (an identity column in PostgreSQL), stock by a composite key of
      -- text and integer (WITHOUT ROWID), settings by a text key, devices by a NOT NULL UNIQUE
      -- column only (as forward sync keys such a table), and an audit log with no key at all,
      -- where equal rows are legitimate (two logins in the same second); sessions keyed by a
      -- BLOB token (bytea), readings without a key, with REAL values and NULLs.
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
      CREATE TABLE stock (sku TEXT NOT NULL, shop INTEGER NOT NULL, qty INTEGER,
        PRIMARY KEY (sku, shop)) WITHOUT ROWID;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE devices (serial TEXT NOT NULL UNIQUE, owner INTEGER);
      CREATE TABLE audit (who TEXT, message TEXT);
      CREATE TABLE sessions (token BLOB PRIMARY KEY, account INTEGER);
      CREATE TABLE readings (sensor TEXT, value REAL);
      INSERT INTO customers VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', 'Bob'),
        (3, 'cy@example.com', 'Cy');
      INSERT INTO stock VALUES ('SKU-1', 1, 10), ('SKU-1', 2, 5), ('SKU-2', 1, 7);
      INSERT INTO settings VALUES ('locale', 'en'), ('theme', 'dark');
      INSERT INTO devices VALUES ('D-1', 1), ('D-2', 2);
      INSERT INTO audit VALUES ('ann', 'started'), ('ann', 'started');
      INSERT INTO sessions VALUES (X'0102', 1);
      INSERT INTO readings VALUES ('t1', 20.5);
      """;

  private ReverseFixture installed(String name) throws SQLException {
    ReverseFixture f = ReverseFixture.migrate(SHOP, dir, name);
    try (Connection pg = f.connect()) {
      List<ReverseTable> tables = ReverseCapture.install(pg, "public", f.plans);
      assertThat(tables)
          .extracting(t -> t.table() + " " + t.key())
          .containsExactlyInAnyOrder(
              "customers [id]",
              "stock [sku, shop]",
              "settings [key]",
              "devices [serial]",
              "audit []",
              "sessions [token]",
              "readings []");
      assertThat(ReverseCapture.installed(pg, "public")).isTrue();
      assertThat(ReverseCapture.installed(pg, "other")).isFalse();
    }
    return f;
  }

  @Test
  void keysWrittenAreReadAsTheRowsTheyHaveNow() throws Exception {
    ReverseFixture f = installed("reverse_keys");
    f.app(
        "INSERT INTO customers (email, name) VALUES ('dee@example.com', 'Dee'),"
            + " ('eve@example.com', 'Eve')",
        "UPDATE customers SET name = 'Bobby' WHERE id = 2",
        "UPDATE customers SET id = 10 WHERE id = 1",
        "DELETE FROM customers WHERE id = 3",
        "UPDATE stock SET shop = 3 WHERE sku = 'SKU-1' AND shop = 2",
        "UPDATE stock SET qty = qty + 1",
        "INSERT INTO settings VALUES ('t\"z''s', 'UTC')",
        "UPDATE sessions SET token = '\\x0a0b' WHERE token = '\\x0102'",
        "DELETE FROM settings WHERE key = 'theme'",
        "UPDATE devices SET serial = 'D-9' WHERE serial = 'D-2'",
        "UPDATE devices SET owner = 5 WHERE serial = 'nothing'");
    try (Connection pg = f.connect()) {
      ReverseChanges changes = new ReverseChanges("public");
      // customers: 2 inserts, 1 update, a key change (old and new key), 1 delete; stock: a key
      // change and a 3-row update; settings: 2; devices: a key change; an update of no row: 0.
      ReverseChanges.Pending pending = changes.pending(pg);
      assertThat(pending.changes()).isEqualTo(6 + 5 + 2 + 2 + 2);
      assertThat(pending.lag()).isPositive();

      Read r = ReverseFixture.read(pg, 1_000);
      assertThat(r.batch().ids()).hasSize(17);
      assertThat(r.batch().whole()).isEmpty();
      assertThat(r.batch().images()).isEmpty();
      assertThat(r.rows())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "customers",
                  List.of(
                      "D 1,null,null",
                      "D 3,null,null",
                      "I 10,ann@example.com,Ann",
                      "I 2,bob@example.com,Bobby",
                      "I 4,dee@example.com,Dee",
                      "I 5,eve@example.com,Eve"),
                  "stock",
                  List.of("D SKU-1,2,null", "I SKU-1,1,11", "I SKU-1,3,6", "I SKU-2,1,8"),
                  "settings",
                  List.of("D theme,null", "I t\"z's,UTC"),
                  "sessions",
                  List.of("D \\x0102,null", "I \\x0a0b,1"),
                  "devices",
                  List.of("D D-2,null", "I D-9,2")));

      assertThat(ReverseChanges.consume(pg, r.batch())).isEqualTo(17);
      assertThat(changes.pending(pg)).isEqualTo(new ReverseChanges.Pending(0, Duration.ZERO));
      assertThat(ReverseFixture.read(pg, 1_000).batch().isEmpty()).isTrue();
    }
  }

  @Test
  void aTableWithoutAKeyGivesRowImagesInWritingOrder() throws Exception {
    ReverseFixture f = installed("reverse_images");
    f.app(
        "INSERT INTO audit VALUES ('bob', 'login'), ('bob', 'login')",
        "UPDATE audit SET message = 'boot' WHERE message = 'started'",
        "DELETE FROM audit WHERE who = 'bob'",
        "INSERT INTO readings VALUES ('t2', 0.1), (NULL, NULL), ('t3', 1e300)",
        "UPDATE readings SET value = -0.0 WHERE sensor = 't1'");
    try (Connection pg = f.connect()) {
      Read r = ReverseFixture.read(pg, 1_000);
      assertThat(r.rows())
          .containsExactly(
              Map.entry(
                  "audit",
                  List.of(
                      "I bob,login",
                      "I bob,login",
                      "D ann,started",
                      "I ann,boot",
                      "D ann,started",
                      "I ann,boot",
                      "D bob,login",
                      "D bob,login")),
              // Values come back exactly through jsonb: 0.1, 1e300 and NULL; -0 as 0, as jsonb
              // numbers have no negative zero (nor does SQLite's REAL storage: it keeps 0).
              Map.entry(
                  "readings",
                  List.of("I t2,0.1", "I null,null", "I t3,1e+300", "D t1,20.5", "I t1,0")));
      assertThat(r.batch().ids()).hasSize(6 + 4);
      // Deltas, not state: a consumer must not apply these twice.
      assertThat(r.batch().images()).isEqualTo(r.batch().ids());
    }
  }

  @Test
  void aTruncateGivesTheWholeTableAndConsumesAllItsChanges() throws Exception {
    ReverseFixture f = installed("reverse_truncate");
    f.app(
        "INSERT INTO settings VALUES ('before', '0')",
        "TRUNCATE settings",
        "INSERT INTO settings VALUES ('after', '1')",
        "INSERT INTO customers (email) VALUES ('late@example.com')",
        "TRUNCATE audit",
        "INSERT INTO audit VALUES ('cy', 'hello')");
    try (Connection pg = f.connect()) {
      // A batch of 1: the first change only, but the truncate after it makes it the whole table,
      // and every change of the table this snapshot shows goes with it.
      Read first = ReverseFixture.read(pg, 2);
      assertThat(first.rows()).containsExactly(Map.entry("settings (whole)", List.of("I after,1")));
      assertThat(first.batch().whole()).extracting(ReverseTable::table).containsExactly("settings");
      assertThat(first.batch().ids()).hasSize(3);
      ReverseChanges.consume(pg, first.batch());

      Read second = ReverseFixture.read(pg, 1_000);
      assertThat(second.rows())
          .containsExactly(
              Map.entry("audit (whole)", List.of("I cy,hello")),
              Map.entry("customers", List.of("I 4,late@example.com,null")));
      assertThat(second.batch().images()).as("a truncated table is state again").isEmpty();
      ReverseChanges.consume(pg, second.batch());
      assertThat(new ReverseChanges("public").pending(pg).changes()).isZero();
    }
  }

  @Test
  void forwardApplysSessionRecordsNothing() throws Exception {
    ReverseFixture f = installed("reverse_applying");
    try (Connection pg = f.connect();
        Statement s = pg.createStatement()) {
      pg.setAutoCommit(false);
      Fence.pass(pg);
      s.execute("INSERT INTO customers VALUES (7, 'sev@example.com', 'Sev')");
      s.execute("UPDATE stock SET qty = 0");
      s.execute("DELETE FROM settings");
      s.execute("INSERT INTO audit VALUES ('sync', 'applied')");
      s.execute("UPDATE audit SET message = 'x'");
      s.execute("TRUNCATE devices");
      pg.commit();
      pg.setAutoCommit(true);
      ReverseChanges changes = new ReverseChanges("public");
      assertThat(changes.pending(pg).changes()).isZero();
      // The flag is the transaction's: the same session's next write is the application's.
      s.execute("INSERT INTO settings VALUES ('x', 'y')");
      assertThat(changes.pending(pg).changes()).isEqualTo(1);
    }
  }

  @Test
  void transactionsCommittingOutOfIdOrderAreAllConsumed() throws Exception {
    ReverseFixture f = installed("reverse_m19");
    try (Connection slow = f.connect();
        Connection reader = f.connect();
        Statement s = slow.createStatement()) {
      slow.setAutoCommit(false);
      s.execute("INSERT INTO settings VALUES ('slow', '1')"); // takes the smaller id, not committed
      f.app("INSERT INTO settings VALUES ('fast', '2')");

      Read first = ReverseFixture.read(reader, 1_000);
      assertThat(first.rows()).containsExactly(Map.entry("settings", List.of("I fast,2")));
      ReverseChanges.consume(reader, first.batch());

      slow.commit();
      Read second = ReverseFixture.read(reader, 1_000);
      assertThat(second.rows()).containsExactly(Map.entry("settings", List.of("I slow,1")));
      // The change read second has the smaller id: a max(id) watermark would have lost it.
      assertThat(second.batch().ids().get(0)).isLessThan(first.batch().ids().get(0));
      ReverseChanges.consume(reader, second.batch());
      assertThat(new ReverseChanges("public").pending(reader).changes()).isZero();
    }
  }

  @Test
  void aCappedBatchTakesWholeTransactions() throws Exception {
    ReverseFixture f = installed("reverse_whole_tx");
    try (Connection app = f.connect();
        Statement s = app.createStatement()) {
      app.setAutoCommit(false);
      s.execute("INSERT INTO settings VALUES ('a', '1'), ('b', '2')");
      s.execute("INSERT INTO stock VALUES ('SKU-3', 1, 1)");
      s.execute("DELETE FROM audit");
      app.commit();
      app.setAutoCommit(true);
      s.execute("INSERT INTO settings VALUES ('c', '3')");
      try (Connection pg = f.connect()) {
        Read first = ReverseFixture.read(pg, 1);
        assertThat(first.batch().ids()).hasSize(5);
        assertThat(first.rows())
            .containsOnlyKeys("settings", "stock", "audit")
            .containsEntry("settings", List.of("I a,1", "I b,2"));
        ReverseChanges.consume(pg, first.batch());
        assertThat(ReverseFixture.read(pg, 1).rows())
            .containsExactly(Map.entry("settings", List.of("I c,3")));
      }
    }
  }

  @Test
  void aCrashBetweenApplyAndDeleteReadsTheSameKeysAgain() throws Exception {
    ReverseFixture f = installed("reverse_crash");
    f.app(
        "UPDATE customers SET name = 'Ann B.' WHERE id = 1",
        "DELETE FROM stock WHERE sku = 'SKU-2'");
    try (Connection pg = f.connect()) {
      Read applied = ReverseFixture.read(pg, 1_000);
      // ... SQLite commits the rows, the process dies before the delete; the next run:
      Read again = ReverseFixture.read(pg, 1_000);
      assertThat(again).isEqualTo(applied);
      assertThat(again.rows())
          .containsEntry("customers", List.of("I 1,ann@example.com,Ann B."))
          .containsEntry("stock", List.of("D SKU-2,1,null"));
      assertThat(ReverseChanges.consume(pg, again.batch())).isEqualTo(2);
      assertThat(ReverseChanges.consume(pg, applied.batch())).isZero();
    }
  }

  @Test
  void removeLeavesTheCatalogAsItWas() throws Exception {
    ReverseFixture f = ReverseFixture.migrate(SHOP, dir, "reverse_remove");
    try (Connection pg = f.connect()) {
      List<String> before = catalog(pg);
      ReverseCapture.install(pg, "public", f.plans);
      ReverseCapture.install(pg, "public", f.plans); // again: replaces, keeps the numbers
      f.app("INSERT INTO settings VALUES ('x', 'y')", "DELETE FROM audit", "TRUNCATE devices");
      assertThat(catalog(pg)).isNotEqualTo(before);
      ReverseCapture.remove(pg, "public");
      assertThat(catalog(pg)).isEqualTo(before);
      assertThat(ReverseCapture.installed(pg, "public")).isFalse();
      ReverseCapture.remove(pg, "public"); // nothing to remove: nothing happens

      // With forward sync's fence in schema sqlite2pg, the schema and the fence stay.
      List<String> tables = f.plans.stream().map(p -> p.target()).toList();
      Fence.install(pg, "public", tables);
      List<String> fenced = catalog(pg);
      ReverseCapture.install(pg, "public", f.plans);
      ReverseCapture.remove(pg, "public");
      assertThat(catalog(pg)).isEqualTo(fenced);
    }
  }

  @Test
  void theOwnerInstallsItAndTheApplicationsRoleNeedsNoPrivilegeOnTheChangelog() throws Exception {
    ReverseFixture f = ReverseFixture.migrate(SHOP, dir, "reverse_roles");
    String db = TestPostgres.databaseOf(f.url);
    String owner = db + "_owner";
    String app = db + "_app";
    try (Connection su = f.connect();
        Statement s = su.createStatement()) {
      s.execute("CREATE ROLE " + owner + " LOGIN NOSUPERUSER");
      s.execute("CREATE ROLE " + app + " LOGIN NOSUPERUSER");
      // The tables and sqlite2pg's schema change hands, as if the owner had migrated them.
      s.execute("ALTER SCHEMA sqlite2pg OWNER TO " + owner);
      for (String t : f.plans.stream().map(p -> p.target()).toList()) {
        s.execute("ALTER TABLE " + t + " OWNER TO " + owner);
        s.execute("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON " + t + " TO " + app);
      }
    }
    try (Connection pg =
            TestPostgres.connect(
                TestPostgres.jdbcUrl(db).replace("user=postgres", "user=" + owner));
        Connection writer =
            TestPostgres.connect(TestPostgres.jdbcUrl(db).replace("user=postgres", "user=" + app));
        Statement s = writer.createStatement()) {
      ReverseCapture.install(pg, "public", f.plans);
      s.execute("INSERT INTO customers (email) VALUES ('app@example.com')");
      s.execute("DELETE FROM audit");
      s.execute("TRUNCATE devices");
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM sqlite2pg.changes"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      Read r = ReverseFixture.read(pg, 1_000);
      assertThat(r.rows())
          .containsEntry("customers", List.of("I 4,app@example.com,null"))
          .containsEntry("audit", List.of("D ann,started", "D ann,started"))
          .containsEntry("devices (whole)", List.of());
      ReverseChanges.consume(pg, r.batch());
      ReverseCapture.remove(pg, "public");
      assertThat(ReverseCapture.installed(pg, "public")).isFalse();
    }
  }

  @Test
  void rollbacksTransactionLocksTheTablesReadsAndConsumesInOneCommit() throws Exception {
    ReverseFixture f = installed("reverse_locked");
    f.app("INSERT INTO settings VALUES ('before', 'lock')");
    try (Connection pg = f.connect();
        Statement s = pg.createStatement()) {
      // Design 3.8 steps 2 and 4: the migrated tables locked against writers, then the whole
      // changelog read and consumed in the same transaction (in READ COMMITTED: nothing that
      // writes the tables can commit meanwhile).
      pg.setAutoCommit(false);
      s.execute(
          "LOCK TABLE customers, stock, settings, devices, audit, sessions, readings IN"
              + " EXCLUSIVE MODE");
      java.util.concurrent.CompletableFuture<Void> blocked =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  f.app("INSERT INTO settings VALUES ('during', 'lock')");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      waitForALockWait(pg);
      List<String> seen = new ArrayList<>();
      ReverseChanges.Batch b =
          new ReverseChanges("public")
              .within(
                  pg,
                  Integer.MAX_VALUE,
                  (t, whole, rs) -> {
                    while (rs.next()) {
                      seen.add(t.table() + " " + rs.getString(1) + " " + rs.getString(2));
                    }
                  });
      assertThat(seen).containsExactly("settings I before");
      assertThat(ReverseChanges.consume(pg, b)).isEqualTo(1);
      pg.commit();
      blocked.get();
      pg.setAutoCommit(true);
      assertThat(ReverseFixture.read(pg, 1_000).rows())
          .containsExactly(Map.entry("settings", List.of("I during,lock")));
    }
  }

  @Test
  void aKeyThatChangedWithChangesPendingIsRefused() throws Exception {
    ReverseFixture f = installed("reverse_rekey");
    f.app("UPDATE customers SET name = 'Ann' WHERE id = 1");
    try (Connection pg = f.connect();
        Statement s = pg.createStatement()) {
      // As if customers had been keyed by its email when the pending change was recorded.
      s.execute(
          "UPDATE sqlite2pg.reverse_tables SET key_columns = '{email}'"
              + " WHERE table_name = 'customers'");
      assertThatThrownBy(() -> ReverseCapture.install(pg, "public", f.plans))
          .hasMessageContaining(
              "the key of \"public\".\"customers\" changed while reverse"
                  + " changes recorded under the old one are pending");
      assertThat(ReverseCapture.tables(pg, "public"))
          .filteredOn(t -> t.table().equals("customers"))
          .extracting(ReverseTable::key)
          .containsExactly(List.of("email"));
      s.execute("DELETE FROM sqlite2pg.changes");
      int number = ReverseCapture.tables(pg, "public").get(0).number();
      ReverseCapture.install(pg, "public", f.plans);
      assertThat(ReverseCapture.tables(pg, "public").get(0).number()).isEqualTo(number);
      assertThat(ReverseCapture.tables(pg, "public"))
          .filteredOn(t -> t.table().equals("customers"))
          .extracting(ReverseTable::key)
          .containsExactly(List.of("id"));
    }
  }

  @Test
  void twoTargetSchemasShareTheChangelogAndAreRemovedApart() throws Exception {
    ReverseFixture f = ReverseFixture.migrate(SHOP, dir, "reverse_schemas");
    try (Connection pg = f.connect();
        Statement s = pg.createStatement()) {
      List<String> before = catalog(pg);
      s.execute("CREATE SCHEMA staging");
      s.execute("CREATE TABLE staging.settings (LIKE public.settings INCLUDING ALL)");
      List<dev.sqlite2pg.plan.TablePlan> settings =
          f.plans.stream().filter(p -> p.target().equals("settings")).toList();
      ReverseCapture.install(pg, "public", f.plans);
      ReverseCapture.install(pg, "staging", settings);
      s.execute("INSERT INTO public.settings VALUES ('a', '1')");
      s.execute("INSERT INTO staging.settings VALUES ('b', '2')");
      assertThat(new ReverseChanges("staging").pending(pg).changes()).isEqualTo(1);

      ReverseCapture.remove(pg, "public");
      assertThat(new ReverseChanges("public").pending(pg).changes()).isZero();
      s.execute("INSERT INTO staging.settings VALUES ('c', '3')");
      List<String> seen = new ArrayList<>();
      ReverseChanges.Batch b =
          new ReverseChanges("staging")
              .read(
                  pg,
                  100,
                  (t, whole, rs) -> {
                    while (rs.next()) {
                      seen.add(t.schema() + "." + t.table() + " " + rs.getString(2));
                    }
                  });
      assertThat(seen).containsExactlyInAnyOrder("staging.settings b", "staging.settings c");
      assertThat(b.ids()).hasSize(2);

      ReverseCapture.remove(pg, "staging");
      s.execute("DROP SCHEMA staging CASCADE");
      assertThat(catalog(pg)).isEqualTo(before);
    }
  }

  /** Until another session waits for a lock this one holds (polled; no time limit). */
  private static void waitForALockWait(Connection pg) throws Exception {
    try (Connection watcher = TestPostgres.connect(pg.getMetaData().getURL());
        Statement s = watcher.createStatement()) {
      while (true) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()")) {
          if (rs.next()) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
  }

  /** What a database's catalog holds outside PostgreSQL's own schemas, and its counts. */
  private static List<String> catalog(Connection pg) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = pg.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
                SELECT 'schema ' || nspname FROM pg_namespace
                UNION ALL
                SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                UNION ALL
                SELECT 'function ' || p.oid::regprocedure FROM pg_proc p
                 WHERE p.pronamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
                UNION ALL
                SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger
                UNION ALL
                SELECT 'type ' || t.oid::regtype FROM pg_type t
                 WHERE t.typnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
                UNION ALL
                SELECT 'count ' || x FROM (
                  SELECT 'pg_class ' || count(*) FROM pg_class UNION ALL
                  SELECT 'pg_depend ' || count(*) FROM pg_depend UNION ALL
                  SELECT 'pg_constraint ' || count(*) FROM pg_constraint UNION ALL
                  SELECT 'pg_attrdef ' || count(*) FROM pg_attrdef UNION ALL
                  SELECT 'pg_sequence ' || count(*) FROM pg_sequence UNION ALL
                  SELECT 'pg_trigger ' || count(*) FROM pg_trigger UNION ALL
                  SELECT 'pg_proc ' || count(*) FROM pg_proc UNION ALL
                  SELECT 'pg_type ' || count(*) FROM pg_type UNION ALL
                  SELECT 'pg_index ' || count(*) FROM pg_index) c (x)
                ORDER BY 1
                """)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
