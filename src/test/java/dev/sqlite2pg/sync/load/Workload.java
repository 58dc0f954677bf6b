package dev.sqlite2pg.sync.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One writer's statements (design 4.2's mix) over the keys it owns: inserts, updates (some of the
 * key), deletes (cascading where foreign_keys is on), REPLACE INTO and INSERT OR REPLACE
 * conflicting on the NOCASE email or the key, UPDATE OR REPLACE, UPSERT DO UPDATE, INSERT OR
 * IGNORE, and values of every storage class. What it knows of its keys is a guess (a rolled-back
 * insert stays in it): a statement on a key that is gone changes nothing, which is also a case
 * worth sending.
 */
final class Workload {

  private final int writer;
  private final Random random;
  private final boolean events;
  private final List<Long> customers = new ArrayList<>();
  private final Map<Long, String> emails = new HashMap<>();
  private final List<Long> orders = new ArrayList<>();
  private final Map<Long, Integer> lines = new HashMap<>();
  private long next;

  Workload(int writer, long seed, boolean events) {
    this.writer = writer;
    this.random = new Random(seed);
    this.events = events;
  }

  /** The keys the file holds for this writer already (seeded, or from an earlier run). */
  void load(Connection c) throws SQLException {
    long lo = writer * LoadSchema.SPAN;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, email FROM customers WHERE id >= ? AND id < ?")) {
      ps.setLong(1, lo);
      ps.setLong(2, lo + LoadSchema.SPAN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          customers.add(rs.getLong(1));
          emails.put(rs.getLong(1), rs.getString(2));
          next = Math.max(next, rs.getLong(1) - lo + 1);
        }
      }
    }
    loadOrders(c);
  }

  private void loadOrders(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.id, (SELECT coalesce(max(line_no), 0) FROM order_lines WHERE order_id = o.id)"
                + " FROM orders o WHERE writer = ?")) {
      ps.setInt(1, writer);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          orders.add(rs.getLong(1));
          lines.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
  }

  /**
   * After a rollback: the orders this writer knows are read again. An order's id comes from
   * AUTOINCREMENT, shared by all writers, and a rolled-back insert gives its id back; another
   * writer may take it, and then this writer must not think the order its own (the ledger relies on
   * one writer per key).
   */
  void rolledBack(Connection c) throws SQLException {
    orders.clear();
    lines.clear();
    loadOrders(c);
  }

  /** Runs one randomly chosen operation; returns its name. */
  String step(Connection c, Touched t) throws SQLException {
    int r = random.nextInt(events ? 100 : 96);
    if (r < 22 || customers.size() < 5) {
      return insertCustomer(c, t);
    }
    if (r < 30) {
      return insertOrder(c, t);
    }
    if (r < 40) {
      return insertLine(c, t);
    }
    if (r < 52) {
      return updateCustomer(c, t);
    }
    if (r < 54) {
      return updateCustomerKey(c, t);
    }
    if (r < 59) {
      return updateLine(c, t);
    }
    if (r < 63) {
      return deleteCustomer(c, t);
    }
    if (r < 66) {
      return deleteOrder(c, t);
    }
    if (r < 69) {
      return deleteLine(c, t);
    }
    if (r < 75) {
      return replaceOnEmail(c, t);
    }
    if (r < 79) {
      return insertOrReplaceOnKey(c, t);
    }
    if (r < 84) {
      return updateOrReplace(c, t);
    }
    if (r < 89) {
      return upsertSetting(c, t);
    }
    if (r < 93) {
      return upsertTag(c, t);
    }
    if (r < 96) {
      return insertOrIgnoreTag(c, t);
    }
    return event(c);
  }

  private String insertCustomer(Connection c, Touched t) throws SQLException {
    long id = newCustomer();
    String email = String.format(Locale.ROOT, "w%d-c%d@Example.com", writer, id % LoadSchema.SPAN);
    t.touch("customers", id);
    customerRow(c, "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", id, email);
    customers.add(id);
    emails.put(id, email);
    return "insert";
  }

  private String insertOrder(Connection c, Touched t) throws SQLException {
    long customer = anyCustomer();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO orders (customer_id, placed_at, total, writer) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, customer);
      ps.setString(2, time());
      ps.setObject(3, real());
      ps.setInt(4, writer);
      ps.executeUpdate();
    }
    long id = lastRowid(c);
    t.touch("orders", id);
    orders.add(id);
    lines.put(id, 0);
    return "insert";
  }

  private String insertLine(Connection c, Touched t) throws SQLException {
    if (orders.isEmpty()) {
      return insertOrder(c, t);
    }
    long order = pick(orders);
    int line = lines.merge(order, 1, Integer::sum);
    t.touch("order_lines", order, line);
    exec(
        c,
        "INSERT INTO order_lines VALUES (?, ?, ?, ?)",
        order,
        line,
        random.nextInt(5) + 1,
        real());
    return "insert";
  }

  private String updateCustomer(Connection c, Touched t) throws SQLException {
    long id = anyCustomer();
    t.touch("customers", id);
    exec(
        c,
        "UPDATE customers SET name = ?, credit = ?, score = ?, seen_at = ?, avatar = ? WHERE id = ?",
        text(),
        integer(),
        real(),
        time(),
        blob(),
        id);
    return "update";
  }

  /** The key changes (M12); with foreign_keys on and orders that reference it, SQLite refuses. */
  private String updateCustomerKey(Connection c, Touched t) throws SQLException {
    long old = anyCustomer();
    long id = newCustomer();
    t.customerAndChildren(old);
    t.touch("customers", id);
    exec(c, "UPDATE customers SET id = ? WHERE id = ?", id, old);
    forget(old).ifPresent(e -> emails.put(id, e));
    customers.add(id);
    return "update key";
  }

  private String updateLine(Connection c, Touched t) throws SQLException {
    if (orders.isEmpty()) {
      return insertOrder(c, t);
    }
    long order = pick(orders);
    int line = 1 + random.nextInt(Math.max(1, lines.getOrDefault(order, 1)));
    t.touch("order_lines", order, line);
    exec(
        c,
        "UPDATE order_lines SET qty = qty + 1, price = ? WHERE order_id = ? AND line_no = ?",
        real(),
        order,
        line);
    return "update";
  }

  /** Cascades to orders and their lines where foreign_keys is on; orphans them where it is off. */
  private String deleteCustomer(Connection c, Touched t) throws SQLException {
    long id = anyCustomer();
    t.customerAndChildren(id);
    exec(c, "DELETE FROM customers WHERE id = ?", id);
    forget(id);
    return "delete";
  }

  private String deleteOrder(Connection c, Touched t) throws SQLException {
    if (orders.isEmpty()) {
      return insertOrder(c, t);
    }
    long order = orders.remove(random.nextInt(orders.size()));
    t.orderAndLines(order);
    exec(c, "DELETE FROM orders WHERE id = ?", order);
    return "delete";
  }

  private String deleteLine(Connection c, Touched t) throws SQLException {
    if (orders.isEmpty()) {
      return insertOrder(c, t);
    }
    long order = pick(orders);
    int line = 1 + random.nextInt(Math.max(1, lines.getOrDefault(order, 1)));
    t.touch("order_lines", order, line);
    exec(c, "DELETE FROM order_lines WHERE order_id = ? AND line_no = ?", order, line);
    return "delete";
  }

  /**
   * A new key with an existing customer's email in other letter case: NOCASE makes it a conflict.
   */
  private String replaceOnEmail(Connection c, Touched t) throws SQLException {
    long victim = anyCustomer();
    String email = flipCase(emails.get(victim));
    long id = newCustomer();
    t.emailOwner(email);
    t.touch("customers", id);
    customerRow(
        c,
        random.nextBoolean()
            ? "REPLACE INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)"
            : "INSERT OR REPLACE INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        email);
    forget(victim);
    customers.add(id);
    emails.put(id, email);
    return "replace on email";
  }

  /** INSERT OR REPLACE of an existing key with a new email: the old row is deleted first. */
  private String insertOrReplaceOnKey(Connection c, Touched t) throws SQLException {
    long id = anyCustomer();
    String email =
        String.format(Locale.ROOT, "w%d-r%d@example.com", writer, random.nextInt(1_000_000_000));
    t.customerAndChildren(id);
    t.emailOwner(email);
    customerRow(c, "INSERT OR REPLACE INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", id, email);
    emails.put(id, email);
    return "replace on key";
  }

  /** UPDATE OR REPLACE taking another customer's email: that customer is deleted (M2). */
  private String updateOrReplace(Connection c, Touched t) throws SQLException {
    long id = anyCustomer();
    long other = anyCustomer();
    if (id == other || emails.get(other) == null) {
      return updateCustomer(c, t);
    }
    String email = emails.get(other);
    t.touch("customers", id);
    t.emailOwner(email);
    exec(c, "UPDATE OR REPLACE customers SET email = ? WHERE id = ?", email, id);
    forget(other);
    emails.put(id, email);
    return "update or replace";
  }

  private String upsertSetting(Connection c, Touched t) throws SQLException {
    String k = String.format(Locale.ROOT, "w%d-k%d", writer, random.nextInt(50));
    t.touch("settings", k);
    exec(
        c,
        "INSERT INTO settings VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
        k,
        json());
    return "upsert";
  }

  private String upsertTag(Connection c, Touched t) throws SQLException {
    String name = tag();
    t.touch("tags", name);
    exec(c, "INSERT INTO tags VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1", name);
    return "upsert";
  }

  private String insertOrIgnoreTag(Connection c, Touched t) throws SQLException {
    String name = tag();
    t.touch("tags", name);
    exec(c, "INSERT OR IGNORE INTO tags VALUES (?, ?)", name, random.nextInt(100));
    return "insert or ignore";
  }

  /** The keyless table (image mode): duplicate rows, and now and then DELETE without WHERE. */
  private String event(Connection c) throws SQLException {
    if (random.nextInt(25) == 0) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM events WHERE kind LIKE 'w" + writer + "-%'");
      }
      return "delete all";
    }
    exec(
        c,
        "INSERT INTO events VALUES (?, ?, ?)",
        "w" + writer + "-" + random.nextInt(3),
        random.nextBoolean() ? new byte[] {1, 2} : blob(),
        "2024-05-01 10:00:00");
    return "insert event";
  }

  // ------------------------------------------------------------------------------------------
  // Keys

  private long newCustomer() {
    return writer * LoadSchema.SPAN + next++;
  }

  private long anyCustomer() {
    return customers.isEmpty() ? newCustomer() : pick(customers);
  }

  private java.util.Optional<String> forget(long id) {
    customers.remove(id);
    return java.util.Optional.ofNullable(emails.remove(id));
  }

  private long pick(List<Long> keys) {
    return keys.get(random.nextInt(keys.size()));
  }

  private String tag() {
    return String.format(Locale.ROOT, "w%d-t%d", writer, random.nextInt(200));
  }

  private String flipCase(String email) {
    String s = email == null ? "w" + writer + "-gone@example.com" : email;
    return s.equals(s.toUpperCase(Locale.ROOT))
        ? s.toLowerCase(Locale.ROOT)
        : s.toUpperCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------------------------------
  // Values of every storage class

  private static final long[] INTEGERS = {
    Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, 0, -1, 2_147_483_648L
  };
  private static final double[] REALS = {-0.0, 0.1, 1e308, 4.9e-324, -1.5, 1e-7, 123456.789};

  private Object integer() {
    int r = random.nextInt(10);
    return r == 0 ? null : r < 4 ? INTEGERS[random.nextInt(INTEGERS.length)] : random.nextLong();
  }

  private Object real() {
    int r = random.nextInt(10);
    return r == 0 ? null : r < 4 ? REALS[random.nextInt(REALS.length)] : random.nextDouble() * 1e6;
  }

  /** Text times in two shapes, as applications write them. */
  private String time() {
    long s = 1_700_000_000L + random.nextInt(100_000_000);
    java.time.Instant at = java.time.Instant.ofEpochSecond(s, random.nextInt(1000) * 1_000_000L);
    return random.nextBoolean()
        ? at.toString()
        : java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC)
            .format(at);
  }

  private String text() {
    String[] texts = {
      "plain", "tab\there", "line\nbreak\r\n", "quote ' \" \\", "snow \u2603 \ud83d\ude00", ""
    };
    return texts[random.nextInt(texts.length)] + random.nextInt(1000);
  }

  /** Bytes that are not UTF-8, empty, or NULL. */
  private byte[] blob() {
    int r = random.nextInt(10);
    if (r == 0) {
      return null;
    }
    byte[] b = new byte[r == 1 ? 0 : 1 + random.nextInt(48)];
    random.nextBytes(b);
    if (b.length > 0) {
      b[0] = (byte) 0xff;
    }
    return b;
  }

  private String json() {
    return String.format(
        Locale.ROOT,
        "{\"n\": %d, \"on\": %s, \"list\": [1, 2.5, null, \"x\\\"y\"], \"at\": \"%s\"}",
        random.nextInt(1000),
        random.nextBoolean(),
        time());
  }

  // ------------------------------------------------------------------------------------------

  private void customerRow(Connection c, String sql, long id, String email) throws SQLException {
    exec(c, sql, id, email, text(), integer(), real(), time(), blob());
  }

  private static void exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  private static long lastRowid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
