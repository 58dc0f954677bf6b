package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.NeedsServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blind spots of trigger capture that capture and apply handle (design 4.4, one test per row):
 * each starts sync from a small SQLite file, runs the application's statements on a plain
 * sqlite-jdbc connection, applies every change in batches and compares the target with SQLite by
 * the tool's own verify (and, where the case is about rows, by reading both sides).
 */
@NeedsServer
class BlindSpotsTest {

  @TempDir Path dir;

  private static final String CUSTOMERS =
      """
      -- A customer table keyed by id with a UNIQUE email: signing up again with a known email
      -- through REPLACE deletes the old account (M2).
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT);
      INSERT INTO customers VALUES (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob'),
        (3, 'cy@example.com', 'Cy'), (4, 'di@example.com', 'Di');
      """;

  /** 4.4 #1: REPLACE deletes fire no delete trigger with recursive_triggers off (the default). */
  @Test
  void replaceConflictDeletesArriveWithRecursiveTriggersOffAndOn() throws Exception {
    for (String recursive : List.of("OFF", "ON")) {
      SyncFixture f =
          SyncFixture.start(
              CUSTOMERS, dir, "replace_" + recursive.toLowerCase(java.util.Locale.ROOT));
      f.app(
          "PRAGMA recursive_triggers = " + recursive,
          // conflicts on email: deletes customer 1
          "REPLACE INTO customers VALUES (10, 'ada@example.com', 'Ada again')",
          // conflicts on the key: deletes and re-inserts 2
          "INSERT OR REPLACE INTO customers VALUES (2, 'bob@example.org', 'Bob')",
          // an UPDATE conflicting on email: deletes customer 4
          "UPDATE OR REPLACE customers SET email = 'di@example.com' WHERE id = 3");
      f.applyAll(2);
      assertThat(f.pg("SELECT id, email FROM customers ORDER BY id"))
          .as("recursive_triggers " + recursive)
          .containsExactly("2|bob@example.org", "3|di@example.com", "10|ada@example.com");
      f.assertVerifies();
    }
  }

  private static final String ITEMS =
      """
      -- An inventory with a NOT NULL and a UNIQUE column: the application resolves conflicts
      -- with every ON CONFLICT clause SQLite has, and the clause applies inside triggers (M14).
      CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, qty INTEGER);
      INSERT INTO items VALUES (1, 'A', 10), (2, 'B', 20), (3, 'C', 30);
      """;

  /** 4.4 #2: each OR clause: capture loses no row and changes nothing the statement does. */
  @Test
  void everyConflictClauseBehavesAsWithoutCaptureAndLosesNoChange() throws Exception {
    List<String> statements =
        List.of(
            "INSERT OR IGNORE INTO items VALUES (4, 'A', 1)", // ignored: sku taken
            "INSERT OR IGNORE INTO items VALUES (5, NULL, 1)", // ignored: NOT NULL
            "INSERT OR IGNORE INTO items VALUES (6, 'F', 6)", // inserted
            "INSERT OR REPLACE INTO items VALUES (7, 'B', 70)", // deletes 2
            // FAIL keeps the rows changed before the failing one: 1 becomes 'A1', 3 fails
            "UPDATE OR FAIL items SET sku = CASE id WHEN 1 THEN 'A1' ELSE 'F' END"
                + " WHERE id IN (1, 3)",
            "INSERT OR ABORT INTO items VALUES (8, 'C', 1)", // refused, nothing changes
            "UPDATE OR ABORT items SET sku = 'C' WHERE id = 6",
            "BEGIN",
            "INSERT INTO items VALUES (9, 'I', 9)",
            "INSERT OR ROLLBACK INTO items VALUES (10, 'C', 1)", // rolls 9 back too
            "INSERT INTO items VALUES (11, 'K', 11)");
    Path control = Fixtures.buildFromSql(ITEMS, dir.resolve("control.db"));
    List<String> expected = run(control, statements);
    SyncFixture f = SyncFixture.start(ITEMS, dir, "or_clauses");
    assertThat(run(f.db, statements)).isEqualTo(expected);
    assertThat(expected)
        .as("the clauses that refuse did refuse")
        .containsExactly(
            "ok", "ok", "ok", "ok", "refused", "refused", "refused", "ok", "ok", "refused", "ok");
    String dump = "SELECT id, sku, qty FROM items ORDER BY id";
    assertThat(f.sqlite(dump)).isEqualTo(rows(control, dump));
    assertThat(f.applyAll(3)).as("changes captured").isPositive();
    assertThat(f.pg(dump)).isEqualTo(rows(control, dump));
    f.assertVerifies();
  }

  /** 4.4 #3: DELETE without WHERE fires every row's trigger once triggers exist (M4). */
  @Test
  void deleteWithoutWhereEmptiesKeyedAndKeylessTables() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- A nightly job that clears its staging tables with a bare DELETE: one with a key,
            -- one without (equal rows among them).
            CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT);
            CREATE TABLE job_log (job INTEGER, line TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO jobs SELECT i, 'done' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO job_log SELECT i % 100, 'finished' FROM n;
            """,
            dir, "bare_delete");
    f.app("DELETE FROM jobs", "DELETE FROM job_log");
    assertThat(f.applyAll(1500)).as("one change per deleted row").isEqualTo(4000);
    assertThat(f.pg("SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM job_log)"))
        .containsExactly("0");
    f.app("INSERT INTO jobs VALUES (1, 'new')", "INSERT INTO job_log VALUES (1, 'new')");
    f.applyAll(1500);
    f.assertVerifies();
  }

  /** 4.4 #4: WITHOUT ROWID tables have no rowid; the declared key identifies rows (M6). */
  @Test
  void withoutRowidTablesFollowTheirCompositeKey() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- Stock per shop keyed by (sku, shop) in a WITHOUT ROWID table, as a clustered
            -- index would be declared elsewhere.
            CREATE TABLE stock (sku TEXT, shop INTEGER, qty INTEGER, PRIMARY KEY (sku, shop))
              WITHOUT ROWID;
            INSERT INTO stock VALUES ('A', 1, 5), ('A', 2, 6), ('B', 1, 7);
            """,
            dir,
            "without_rowid");
    f.app(
        "UPDATE stock SET qty = qty + 1 WHERE sku = 'A'",
        "UPDATE stock SET shop = 3 WHERE sku = 'B' AND shop = 1",
        "INSERT OR REPLACE INTO stock VALUES ('A', 1, 50)",
        "DELETE FROM stock WHERE sku = 'A' AND shop = 2",
        "INSERT INTO stock VALUES ('C', 1, 1)");
    f.applyAll(2);
    assertThat(f.pg("SELECT sku, shop, qty FROM stock ORDER BY sku, shop"))
        .containsExactly("A|1|50", "B|3|7", "C|1|1");
    f.assertVerifies();
  }

  /** 4.4 #5: a virtual table cannot have triggers (M7): skipped, and sync start reports it. */
  @Test
  void aVirtualTableIsSkippedAndReported() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- Notes with a full-text index in FTS5, as a note-taking app keeps them.
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
            CREATE VIRTUAL TABLE notes_fts USING fts5(body);
            INSERT INTO notes VALUES (1, 'first note');
            INSERT INTO notes_fts VALUES ('first note');
            """,
            dir,
            "virtual");
    assertThat(f.started.notMigrated())
        .extracting(NotMigrated::kind, NotMigrated::name)
        .contains(org.assertj.core.groups.Tuple.tuple("virtual table", "notes_fts"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.db)) {
      Capture.Captured captured = Capture.tables(new dev.sqlite2pg.sqlite.CatalogReader(c).read());
      assertThat(captured.virtual()).containsExactly("notes_fts");
      // Neither the virtual table nor its shadow tables got triggers.
      assertThat(captured.all()).extracting(k -> k.table().name()).containsExactly("notes");
    }
    f.app("INSERT INTO notes VALUES (2, 'second')", "INSERT INTO notes_fts VALUES ('second note')");
    assertThat(f.applyAll(10)).isEqualTo(1);
    f.assertVerifies();
  }

  /** 4.4 #10: a table without a key, with duplicate rows: one of two equal rows changes. */
  @Test
  void keylessDuplicatesChangeOneRowAtATime() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- A click log without a key: the same click twice in one second is two rows.
            CREATE TABLE clicks (at TEXT, button TEXT, n INTEGER);
            INSERT INTO clicks VALUES ('10:00:01', 'buy', 1), ('10:00:01', 'buy', 1),
              ('10:00:02', 'help', 1), ('10:00:02', 'help', 1);
            """,
            dir,
            "keyless");
    f.app(
        "DELETE FROM clicks WHERE rowid = 1", // one of the two 'buy' rows
        "UPDATE clicks SET n = 2 WHERE rowid = 4"); // one of the two 'help' rows
    assertThat(f.applyAll(1)).isEqualTo(2);
    assertThat(f.pg("SELECT button, n, count(*) FROM clicks GROUP BY 1, 2 ORDER BY 1, 2"))
        .containsExactly("buy|1|1", "help|1|1", "help|2|1");
    f.assertVerifies();
    assertThat(
            IndependentCompare.differences(
                f.db, "clicks", "at, button, n", f.url, "clicks", "at, button, n"))
        .isEmpty();
  }

  private static final String BLOG =
      """
      -- A blog: comments reference posts ON DELETE CASCADE, but whether SQLite cascades is up to
      -- each writer's PRAGMA foreign_keys (off by default, M10): orphans are normal data.
      CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);
      CREATE TABLE comments (id INTEGER PRIMARY KEY,
        post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE, body TEXT);
      INSERT INTO posts VALUES (1, 'hello'), (2, 'again');
      INSERT INTO comments VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 2, 'd');
      """;

  /** 4.4 #11: cascades with foreign_keys on in the writer; orphans with it off. */
  @Test
  void cascadesAndOrphansArriveAsSqliteHasThem() throws Exception {
    SyncFixture f = SyncFixture.start(BLOG, dir, "cascade");
    f.app("PRAGMA foreign_keys = ON", "DELETE FROM posts WHERE id = 1");
    f.app(
        "PRAGMA foreign_keys = OFF",
        "DELETE FROM posts WHERE id = 2",
        "INSERT INTO comments VALUES (5, 99, 'orphan')");
    f.applyAll(2);
    assertThat(f.pg("SELECT id, post_id FROM comments ORDER BY id"))
        .as("1's comments cascaded, 2's stayed as orphans")
        .containsExactly("3|2", "4|2", "5|99");
    assertThat(f.pg("SELECT count(*) FROM posts")).containsExactly("0");
    f.assertVerifies();
  }

  /** 4.4 #12: changelog ids are never reused after pruning (M9), with and without AUTOINCREMENT. */
  @Test
  void changelogIdsAreNeverReusedAfterPruning() throws Exception {
    String plain =
        """
        -- A counter table; the file has no sqlite_sequence, so the changelog has no
        -- AUTOINCREMENT and pruning keeps its highest row.
        CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER);
        INSERT INTO counters VALUES ('a', 0);
        """;
    String sequenced =
        """
        -- The same with an AUTOINCREMENT table beside it: sqlite_sequence exists already.
        CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER);
        CREATE TABLE visits (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT);
        INSERT INTO counters VALUES ('a', 0);
        INSERT INTO visits (at) VALUES ('then');
        """;
    for (String sql : List.of(plain, sequenced)) {
      SyncFixture f = SyncFixture.start(sql, dir, sql == plain ? "ids_plain" : "ids_sequence");
      for (int round = 0; round < 3; round++) {
        f.app("UPDATE counters SET n = n + 1", "INSERT INTO counters VALUES ('r" + round + "', 1)");
        f.applyAll(100);
        long applied = Long.parseLong(f.pg("SELECT applied FROM sqlite2pg.sync_state").get(0));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.db)) {
          Changelog.prune(c, applied);
        }
        f.app("DELETE FROM counters WHERE name = 'r" + round + "'");
        assertThat(Long.parseLong(f.sqlite("SELECT max(id) FROM sqlite2pg_changes").get(0)))
            .as("the change after pruning gets a new id")
            .isGreaterThan(applied);
        assertThat(f.applyAll(100)).isEqualTo(1);
      }
      assertThat(f.pg("SELECT name, n FROM counters ORDER BY name")).containsExactly("a|3");
      f.assertVerifies();
    }
  }

  /** 4.4 #15: a primary-key update removes the old key and adds the new one (M12). */
  @Test
  void primaryKeyUpdatesMoveTheRow() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- Accounts renumbered by an admin tool, and a text code changed by hand.
            CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);
            CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT);
            INSERT INTO accounts VALUES (1, 'ada'), (2, 'bob'), (3, 'cy');
            INSERT INTO codes VALUES ('x', 'ten'), ('y', 'twenty');
            """,
            dir,
            "pk_update");
    f.app(
        "UPDATE accounts SET id = 100 WHERE id = 1",
        // a swap through a free key, in one transaction
        "BEGIN",
        "UPDATE accounts SET id = -1 WHERE id = 2",
        "UPDATE accounts SET id = 2 WHERE id = 3",
        "UPDATE accounts SET id = 3 WHERE id = -1",
        "COMMIT",
        "UPDATE codes SET code = 'z' WHERE code = 'x'");
    f.applyAll(2);
    assertThat(f.pg("SELECT id, owner FROM accounts ORDER BY id"))
        .containsExactly("2|cy", "3|bob", "100|ada");
    assertThat(f.pg("SELECT code FROM codes ORDER BY code")).containsExactly("y", "z");
    f.assertVerifies();
  }

  /**
   * 4.4 #16: a rowid table's non-INTEGER PRIMARY KEY may hold NULL. PostgreSQL's key refuses such a
   * row, so the batch stops naming it instead of leaving it out unseen; once the application gives
   * the row a key, it arrives.
   */
  @Test
  void aNullPrimaryKeyStopsTheBatchUntilTheRowHasAKey() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- Country codes keyed by a TEXT PRIMARY KEY, which SQLite lets be NULL in a rowid
            -- table (a legacy quirk it keeps for compatibility).
            CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT);
            INSERT INTO countries VALUES ('fr', 'France');
            """,
            dir,
            "null_key");
    f.app(
        "INSERT INTO countries VALUES (NULL, 'Nowhere')",
        "INSERT INTO countries VALUES (NULL, 'Gone')",
        "DELETE FROM countries WHERE name = 'Gone'",
        "UPDATE countries SET name = 'France!' WHERE code IS 'fr'");
    assertThatThrownBy(() -> f.applyAll(100))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("code");
    assertThat(f.pg("SELECT name FROM countries")).as("nothing applied").containsExactly("France");
    f.app("UPDATE countries SET code = 'xx' WHERE code IS NULL");
    f.applyAll(100);
    assertThat(f.pg("SELECT code, name FROM countries ORDER BY code"))
        .containsExactly("fr|France!", "xx|Nowhere");
    f.assertVerifies();
  }

  /** 4.4 #17: the application's own triggers write other tables; those writes are captured. */
  @Test
  void writesOfTheApplicationsTriggersAreCaptured() throws Exception {
    SyncFixture f =
        SyncFixture.start(
            """
            -- Orders with an audit trail kept by the application's triggers: a keyed audit
            -- table and a keyless activity log (M13).
            CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL);
            CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
            CREATE TABLE activity (what TEXT);
            CREATE TRIGGER orders_ins AFTER INSERT ON orders BEGIN
              INSERT INTO audit (what) VALUES ('new ' || NEW.id);
              INSERT INTO activity VALUES ('order'); END;
            CREATE TRIGGER orders_upd AFTER UPDATE ON orders BEGIN
              UPDATE audit SET what = what || ' changed' WHERE what = 'new ' || NEW.id;
              INSERT INTO activity VALUES ('order'); END;
            CREATE TRIGGER orders_del AFTER DELETE ON orders BEGIN
              DELETE FROM activity WHERE rowid = (SELECT max(rowid) FROM activity);
              INSERT INTO audit (what) VALUES ('deleted ' || OLD.id); END;
            INSERT INTO orders VALUES (1, 10);
            """,
            dir,
            "app_triggers");
    f.app(
        "INSERT INTO orders VALUES (2, 20), (3, 30)",
        "UPDATE orders SET total = 21 WHERE id = 2",
        "DELETE FROM orders WHERE id = 1");
    f.applyAll(3);
    assertThat(f.pg("SELECT what FROM audit ORDER BY id"))
        .containsExactly("new 1", "new 2 changed", "new 3", "deleted 1");
    assertThat(f.pg("SELECT count(*) FROM activity")).containsExactly("3");
    f.assertVerifies();
  }

  /** Runs each statement on its own file; "ok" or "refused" per statement. */
  private static List<String> run(Path db, List<String> statements) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        try {
          s.execute(sql);
          out.add("ok");
        } catch (SQLException e) {
          out.add("refused");
        }
      }
    }
    return out;
  }

  private static List<String> rows(Path db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
