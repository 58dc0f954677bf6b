package dev.sqlite2pg.sync.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The shop the generator writes (design 4.2), each table a hazard of trigger capture: customers
 * with a UNIQUE COLLATE NOCASE email (REPLACE victims, M2/M3), orders with AUTOINCREMENT and an ON
 * DELETE CASCADE key (cascades only on the writers with foreign_keys=ON, M10), order_lines with a
 * composite key, tags WITHOUT ROWID (M6) whose inserts an application trigger audits (M13),
 * settings for UPSERTs of JSON text, a heartbeat row per process for lag, and, behind a flag,
 * events without any key (image mode, 4.4 #10).
 */
public final class LoadSchema {

  /** The tables the ledger follows, with their key columns. */
  public static final List<String[]> KEYED =
      List.of(
          new String[] {"customers", "id"},
          new String[] {"orders", "id"},
          new String[] {"order_lines", "order_id", "line_no"},
          new String[] {"tags", "name"},
          new String[] {"settings", "k"});

  /** Every table and the ORDER BY that puts SQLite's and PostgreSQL's rows in the same order. */
  public static final List<String[]> ORDERED =
      List.of(
          new String[] {"customers", "id"},
          new String[] {"orders", "id"},
          new String[] {"order_lines", "order_id, line_no"},
          new String[] {"tags", "name"},
          new String[] {"settings", "k"},
          new String[] {"heartbeat", "process"},
          new String[] {"audit", "id"});

  /** Keys of writer w are w * SPAN + n: writers never share a key, so each key's order is known. */
  public static final long SPAN = 1_000_000_000L;

  private static final String DDL =
      """
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT, credit INTEGER, score REAL, seen_at TEXT, avatar BLOB);
      CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE, placed_at TEXT, total REAL,
        writer INTEGER);
      CREATE TABLE order_lines (order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        line_no INTEGER, qty INTEGER, price REAL, PRIMARY KEY (order_id, line_no));
      CREATE TABLE tags (name TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
      CREATE TABLE settings (k TEXT PRIMARY KEY, v JSON);
      CREATE TABLE heartbeat (process INTEGER PRIMARY KEY, ts INTEGER);
      CREATE TABLE audit (id INTEGER PRIMARY KEY, tag TEXT, n INTEGER);
      CREATE TRIGGER tags_audit AFTER INSERT ON tags BEGIN
        INSERT INTO audit (tag, n) VALUES (NEW.name, NEW.n); END;
      CREATE INDEX orders_by_customer ON orders(customer_id);
      """;

  private static final String EVENTS = "CREATE TABLE events (kind TEXT, payload BLOB, at TEXT);";

  /**
   * Seeds {@code customers} customers spread over writers 1..4 (each with one order of 3 lines), so
   * the writers also change rows the copy took from the snapshot.
   */
  private static final String SEED =
      """
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d - 1)
      INSERT INTO customers SELECT (1 + i %% 4) * %d + i / 4, printf('w%%d-seed%%d@example.com',
        1 + i %% 4, i / 4), 'seed ' || i, i * 1000003, i / 7.0, '2024-05-01 10:00:00', randomblob(16)
        FROM n;
      INSERT INTO orders (customer_id, placed_at, total, writer)
        SELECT id, '2024-05-01T10:00:00.000Z', 10.5, id / %d FROM customers;
      WITH RECURSIVE l(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM l WHERE j < 3)
      INSERT INTO order_lines SELECT o.id, l.j, l.j, 2.25 FROM orders o, l;
      """;

  private LoadSchema() {}

  /**
   * A new shop database at {@code db}: WAL or rollback journal, with {@code events} only when asked
   * (image mode), seeded with {@code customers} customers.
   */
  public static Path create(Path db, boolean wal, boolean events, int customers) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = " + (wal ? "WAL" : "DELETE"));
      s.executeUpdate(DDL + (events ? EVENTS : ""));
      if (customers > 0) {
        s.executeUpdate(String.format(Locale.ROOT, SEED, customers, SPAN, SPAN));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the load database " + db, e);
    }
    return db;
  }

  /** Whether the file has the keyless events table. */
  static boolean hasEvents(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT 1 FROM sqlite_schema WHERE name = 'events'")) {
      return rs.next();
    }
  }
}
