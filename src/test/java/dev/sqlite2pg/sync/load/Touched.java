package dev.sqlite2pg.sync.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys one transaction may change, named or not: the rows its statements name, the rows a
 * REPLACE would delete and the children a cascade would delete, each looked up before the statement
 * runs. Read back before COMMIT (under the writer's lock), they are what the ledger records. When
 * the ledger is off, nothing is looked up: the writer runs the application's statements alone.
 */
final class Touched {

  private final Connection c;
  private final boolean on;
  private final Map<String, Object[]> keys = new LinkedHashMap<>();

  Touched(Connection c, boolean on) {
    this.c = c;
    this.on = on;
  }

  /** A row of {@code table} by its key values (in {@link LoadSchema#KEYED}'s column order). */
  void touch(String table, Object... key) {
    if (on) {
      keys.put(table + "\t" + key(key), new Object[] {table, key});
    }
  }

  /** A customer and everything ON DELETE CASCADE would take with it (M10). */
  void customerAndChildren(long customer) throws SQLException {
    touch("customers", customer);
    if (!on) {
      return;
    }
    for (Object order : column("SELECT id FROM orders WHERE customer_id = ?", customer)) {
      orderAndLines(((Number) order).longValue());
    }
  }

  /** An order and its lines. */
  void orderAndLines(long order) throws SQLException {
    touch("orders", order);
    if (!on) {
      return;
    }
    for (Object line : column("SELECT line_no FROM order_lines WHERE order_id = ?", order)) {
      touch("order_lines", order, line);
    }
  }

  /** The customer whose email equals {@code email} as the UNIQUE index compares (NOCASE). */
  void emailOwner(String email) throws SQLException {
    if (on) {
      for (Object id : column("SELECT id FROM customers WHERE email = ?", email)) {
        customerAndChildren(((Number) id).longValue());
      }
    }
  }

  /** The state of every touched row now, as ledger entries of {@code writer}. */
  List<Ledger.Entry> readBack(int writer, long[] seq, String op) throws SQLException {
    List<Ledger.Entry> out = new ArrayList<>();
    for (Object[] k : keys.values()) {
      String table = (String) k[0];
      Object[] key = (Object[]) k[1];
      out.add(new Ledger.Entry(writer, ++seq[0], table, key(key), op, hash(c, table, key)));
    }
    keys.clear();
    return out;
  }

  void clear() {
    keys.clear();
  }

  static String key(Object[] key) {
    List<String> parts = new ArrayList<>();
    for (Object k : key) {
      parts.add(k instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(k));
    }
    return String.join("|", parts);
  }

  /** The hash of one row by its key, or {@link Ledger#ABSENT}. */
  static String hash(Connection c, String table, Object[] key) throws SQLException {
    String[] cols = keyColumns(table);
    String where =
        java.util.Arrays.stream(cols, 1, cols.length)
            .map(col -> col + " = ?")
            .collect(Collectors.joining(" AND "));
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE " + where)) {
      for (int i = 0; i < key.length; i++) {
        ps.setObject(i + 1, key[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? hash(rs) : Ledger.ABSENT;
      }
    }
  }

  /**
   * The row's values with their storage classes: 1, 1.0 and '1' hash apart, -0.0 apart from 0.0
   * (raw bits), BLOBs by their bytes.
   */
  static String hash(ResultSet rs) throws SQLException {
    StringBuilder b = new StringBuilder();
    ResultSetMetaData md = rs.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Object v = rs.getObject(i);
      if (v == null) {
        b.append("n");
      } else if (v instanceof Integer || v instanceof Long) {
        b.append("i").append(((Number) v).longValue());
      } else if (v instanceof Double d) {
        b.append("r").append(Long.toHexString(Double.doubleToRawLongBits(d)));
      } else if (v instanceof byte[] bytes) {
        b.append("b").append(HexFormat.of().formatHex(bytes));
      } else {
        b.append("t").append(v);
      }
      b.append('\u0001');
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String[] keyColumns(String table) {
    return LoadSchema.KEYED.stream()
        .filter(t -> t[0].equals(table))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(table));
  }

  private List<Object> column(String sql, Object arg) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1));
        }
      }
    }
    return out;
  }
}
