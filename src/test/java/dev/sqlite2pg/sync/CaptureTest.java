package dev.sqlite2pg.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change capture in a real SQLite file, written to by another connection as an application would
 * (sqlite-jdbc's defaults: recursive_triggers and foreign_keys off, as in Python's sqlite3). Each
 * case is one of the design's measurements (../shared/design/zero-downtime.md, section 2) or blind
 * spots (4.4), named in the test.
 */
class CaptureTest {

  @TempDir Path dir;

  private static final String SHOP =
      """
      -- A shop: a rowid key with a UNIQUE email (REPLACE victims, M2), a WITHOUT ROWID table
      -- with a composite key (M6), and an application trigger writing an audit table (M13).
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT);
      CREATE TABLE stock (sku TEXT, shop INTEGER, qty INTEGER, PRIMARY KEY (sku, shop))
        WITHOUT ROWID;
      CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
      CREATE TABLE tags (name TEXT NOT NULL, UNIQUE (name));
      CREATE TRIGGER customers_audit AFTER DELETE ON customers BEGIN
        INSERT INTO audit (what) VALUES ('deleted ' || OLD.id); END;
      INSERT INTO customers VALUES (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob');
      INSERT INTO stock VALUES ('A-1', 1, 5);
      """;

  private Path shop() {
    return Fixtures.buildFromSql(SHOP, dir.resolve("shop.db"));
  }

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  private static Catalog catalog(Connection c) throws SQLException {
    return new CatalogReader(c).read();
  }

  private static void install(Path db) throws SQLException {
    try (Connection c = open(db)) {
      Capture.install(c, Capture.tables(catalog(c)));
    }
  }

  private static void app(Path db, String... statements) throws SQLException {
    try (Connection c = open(db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** "table-number op key..." per change, in id order. */
  private static List<String> changes(Path db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = open(db)) {
      for (Change ch : Changelog.after(c, 0, 1000)) {
        out.add(
            ch.table()
                + " "
                + ch.op()
                + " "
                + ch.key().get(0)
                + (ch.key().size() < 2 || ch.key().get(1) == null ? "" : "," + ch.key().get(1)));
      }
    }
    return out;
  }

  @Test
  void insertsUpdatesDeletesAndAKeyChangeRecordTheirKeys() throws Exception {
    Path db = shop();
    install(db);
    app(
        db,
        "INSERT INTO customers VALUES (3, 'cy@example.com', 'Cy')",
        "UPDATE customers SET name = 'Ada L.' WHERE id = 1",
        // M12: a key update records the new key and the old one.
        "UPDATE customers SET id = 30 WHERE id = 3",
        "DELETE FROM customers WHERE id = 2",
        // M6: WITHOUT ROWID, composite key.
        "UPDATE stock SET qty = 4 WHERE sku = 'A-1' AND shop = 1");
    // customers is table 1, stock 2, audit 3 (its row from the application's trigger, M13).
    assertThat(changes(db))
        .containsExactly("1 1 3", "1 2 1", "1 2 30", "1 3 3", "1 3 2", "3 1 1", "2 2 A-1,1");
  }

  @Test
  void rowsAReplaceDeletesAreRecordedThoughTheirDeleteTriggerDoesNotFire() throws Exception {
    // M2/M3: with recursive_triggers off (every writer's default), REPLACE deletes fire no
    // delete trigger; the BEFORE triggers record the keys a conflict would delete.
    Path db = shop();
    install(db);
    app(db, "REPLACE INTO customers (id, email, name) VALUES (5, 'bob@example.com', 'Bobby')");
    assertThat(changes(db)).contains("1 4 2", "1 1 5");
  }

  @Test
  void anOuterOrIgnoreCannotDropACaptureRow() throws Exception {
    // M14: the outer statement's conflict policy applies inside trigger bodies; the changelog
    // has no constraint a capture row could break, so none is dropped.
    Path db = shop();
    install(db);
    app(
        db,
        "INSERT OR IGNORE INTO customers VALUES (6, 'di@example.com', NULL)",
        "INSERT OR IGNORE INTO customers VALUES (1, 'dup@example.com', 'dup')",
        "INSERT OR REPLACE INTO tags VALUES ('red')",
        "INSERT OR FAIL INTO stock VALUES ('B-2', 1, 1)");
    assertThat(changes(db)).contains("1 1 6", "4 1 red", "2 1 B-2,1");
  }

  @Test
  void aDeleteWithoutWhereAndARollbackAreCapturedExactly() throws Exception {
    // M4: with triggers present, DELETE without WHERE deletes row by row; M11: a rolled-back
    // transaction leaves no change.
    Path db = shop();
    install(db);
    try (Connection c = open(db);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO customers VALUES (9, 'x@example.com', 'X')");
      c.rollback();
    }
    app(db, "DELETE FROM stock");
    assertThat(changes(db)).containsExactly("2 3 A-1,1");
  }

  @Test
  void removeLeavesTheSchemaAsItWasAndNoSqliteSequence() throws Exception {
    Path db = shop();
    String before = schema(db);
    install(db);
    app(db, "INSERT INTO customers VALUES (3, 'cy@example.com', 'Cy')");
    assertThat(schema(db)).isNotEqualTo(before);
    try (Connection c = open(db)) {
      Capture.remove(c);
    }
    // M22: AUTOINCREMENT would have left sqlite_sequence behind for good; the file had none.
    assertThat(schema(db)).isEqualTo(before);
    try (Connection c = open(db)) {
      assertThat(Capture.installed(c)).isFalse();
    }
  }

  @Test
  void idsAreNeverReusedAfterPruning() throws Exception {
    // M9: without AUTOINCREMENT an emptied changelog restarts at 1, below what was applied.
    Path db = shop();
    install(db);
    app(
        db,
        "INSERT INTO customers VALUES (3, 'a@x', 'a')",
        "INSERT INTO customers VALUES (4, 'b@x', 'b')");
    try (Connection c = open(db)) {
      assertThat(Changelog.prune(c, 2)).isEqualTo(1);
      assertThat(Capture.boundary(c)).isEqualTo(2);
    }
    app(db, "INSERT INTO customers VALUES (7, 'c@x', 'c')");
    try (Connection c = open(db)) {
      assertThat(Changelog.after(c, 2, 10)).extracting(Change::id).containsExactly(3L);
    }
  }

  @Test
  void pruningABacklogLargerThanOneChunkTakesItAllButTheHighest() throws Exception {
    // A catch-up of more changes than one pruning transaction takes (10,000, design 3.4 step 4):
    // every chunk is pruned, none past what was applied, and the highest row stays (M9).
    Path db = shop();
    install(db);
    app(
        db,
        "WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n WHERE i < 25009)"
            + " INSERT INTO customers SELECT i, 'c' || i || '@x', 'c' FROM n");
    try (Connection c = open(db)) {
      assertThat(Changelog.prune(c, 24_000)).isEqualTo(24_000);
      assertThat(Changelog.after(c, 0, 100_000)).hasSize(1_000);
      assertThat(Changelog.prune(c, 25_000)).isEqualTo(999);
      assertThat(Changelog.after(c, 0, 10)).extracting(Change::id).containsExactly(25_000L);
      assertThat(Capture.boundary(c)).isEqualTo(25_000);
    }
  }

  @Test
  void aSecondInstallIsRefusedWithTheFix() throws Exception {
    Path shop = shop();
    install(shop);
    assertThatThrownBy(() -> install(shop))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("sync stop");
  }

  @Test
  void reinstallRebuildsOneTablesCaptureForItsNewColumns() throws Exception {
    // M8 / 4.4 #7: ADD COLUMN is missing from the images the old triggers copy; reinstall (for
    // schema drift, design 3.5) recreates that table's triggers and image table from its new
    // definition and leaves the other tables' capture alone.
    Path db =
        Fixtures.buildFromSql(
            "-- An event log without a key beside a keyed table.\n"
                + "CREATE TABLE events (at TEXT, what TEXT);\n"
                + "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);",
            dir.resolve("drift.db"));
    install(db);
    String users = triggers(db, "users");
    app(db, "ALTER TABLE events ADD COLUMN level INTEGER");
    try (Connection c = open(db)) {
      Capture.Captured now = Capture.tables(catalog(c));
      CaptureKey events = now.images().get(0);
      assertThat(events.table().name()).isEqualTo("events");
      Capture.reinstall(c, events);
    }
    app(db, "INSERT INTO events VALUES ('now', 'boot', 3)", "UPDATE users SET name = 'x'");
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT c1, c2, c3 FROM sqlite2pg_img_1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(3)).as("the new column is in the image").isEqualTo(3);
    }
    assertThat(triggers(db, "users")).isEqualTo(users);
    try (Connection c = open(db)) {
      Capture.remove(c);
      assertThat(Capture.installed(c)).isFalse();
    }
  }

  private static String triggers(Path db, String table) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = '"
                    + table
                    + "' ORDER BY name")) {
      while (rs.next()) {
        out.append(rs.getString(1)).append(rs.getString(2)).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void aUniqueExpressionIndexIsMatchedOnTheNewRow() throws Exception {
    Path db =
        Fixtures.buildFromSql(
            """
            -- Case-insensitive logins: a UNIQUE index on lower(login).
            CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT);
            CREATE UNIQUE INDEX users_login ON users (lower(login));
            INSERT INTO users VALUES (1, 'Ada');
            """,
            dir.resolve("users.db"));
    install(db);
    app(db, "REPLACE INTO users VALUES (2, 'ADA')");
    assertThat(changes(db)).contains("1 4 1", "1 1 2");
  }

  @Test
  void aFileWithSqliteSequenceGetsAnAutoincrementChangelogAndLosesItsRowAgain() throws Exception {
    Path db =
        Fixtures.buildFromSql(
            """
            -- An application with an AUTOINCREMENT table: sqlite_sequence exists already, so the
            -- changelog may use AUTOINCREMENT too, and its boundary survives any pruning.
            CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);
            INSERT INTO notes (body) VALUES ('first');
            """,
            dir.resolve("notes.db"));
    String before = schema(db);
    install(db);
    app(db, "INSERT INTO notes (body) VALUES ('a')", "INSERT INTO notes (body) VALUES ('b')");
    try (Connection c = open(db)) {
      assertThat(Changelog.prune(c, 2)).isEqualTo(1);
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM sqlite2pg_changes");
      }
      assertThat(Capture.boundary(c)).as("sqlite_sequence keeps the mark").isEqualTo(2);
      Capture.remove(c);
    }
    assertThat(schema(db)).isEqualTo(before);
    // The application's own counter moved with its two inserts; sqlite2pg's row is gone.
    assertThat(sequences(db)).isEqualTo("notes=3\n");
  }

  private static String sequences(Path db) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, seq FROM sqlite_sequence ORDER BY name")) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('=').append(rs.getLong(2)).append('\n');
      }
    }
    return out.toString();
  }

  private static String schema(Path db) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")) {
      while (rs.next()) {
        out.append(rs.getString(1))
            .append('|')
            .append(rs.getString(2))
            .append('|')
            .append(rs.getString(3))
            .append('|')
            .append(rs.getString(4))
            .append('\n');
      }
    }
    return out.toString();
  }
}
