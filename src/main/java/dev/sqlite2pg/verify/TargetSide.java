package dev.sqlite2pg.verify;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verification's reads of PostgreSQL: fingerprints are computed by the server (sums of two hashes
 * of each row's send outputs), so no row crosses the network unless a range is small enough to
 * compare row by row.
 */
final class TargetSide {

  private final Connection c;
  private final String whole;
  private final String table;
  private final List<ColumnPlan> columns;
  private final Optional<TableKey> key;
  private final String rowExpr;

  TargetSide(Connection c, String schema, TablePlan t, Optional<TableKey> key) {
    this(c, schema, t, key, Optional.empty());
  }

  /**
   * @param scope one tenant's rows only, in tables that hold many (migrate --merge)
   */
  TargetSide(
      Connection c,
      String schema,
      TablePlan t,
      Optional<TableKey> key,
      Optional<dev.sqlite2pg.pg.TenantScope> scope) {
    this.c = c;
    this.whole = qualified(schema, t.target());
    this.table = scope.map(sc -> sc.relation(whole)).orElse(whole);
    this.columns = t.columns();
    this.key = key;
    this.rowExpr =
        PgCanon.row(
            columns.stream().map(ColumnPlan::target).toList(),
            columns.stream().map(ColumnPlan::type).toList());
  }

  /**
   * A verifying session: no parallel workers (the SQLite side runs at the same time on this 2-core
   * class of machine, and more workers only take CPU from it: 1M rows, 0 workers 4.2 s, 1 worker
   * 4.5 s), and times shown in UTC: PostgreSQL prints a timestamptz in the session's zone, which
   * pgjdbc sets to the JVM's, and a difference read as 03:00+01 next to SQLite's 02:00 looked like
   * a shift of an hour that was not there. Once per connection, not per fingerprint (a fleet's file
   * verified three tables on one connection and set it three times).
   */
  static void session(Connection c) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("SET TimeZone TO 'UTC'; SET max_parallel_workers_per_gather = 0");
    }
  }

  /** As {@link #session}, with the server's parallel workers: nothing reads SQLite meanwhile. */
  static void serverOnly(Connection c) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("SET TimeZone TO 'UTC'");
    }
  }

  Fingerprint fingerprint(KeyRange range) throws SQLException {
    List<Object> params = new ArrayList<>();
    String where = key.isPresent() ? range.where(keyExprs(), params) : "";
    return fingerprint(where, params);
  }

  /** Fingerprint of the rows a WHERE clause selects ({@link DrainedRows}). */
  Fingerprint fingerprint(String where, List<Object> params) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(PgCanon.fingerprintQuery(table, rowExpr, " " + where))) {
      SourceSide.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Fingerprint(rs.getLong(1), wrap(rs.getBigDecimal(2)), wrap(rs.getBigDecimal(3)));
      }
    }
  }

  /** The whole table's rows fingerprinted per value of {@code column}, in one pass. */
  Map<String, Fingerprint> fingerprintsBy(String column) throws SQLException {
    Map<String, Fingerprint> out = new java.util.HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(PgCanon.fingerprintsBy(whole, quote(column), rowExpr));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new Fingerprint(rs.getLong(2), wrap(rs.getBigDecimal(3)), wrap(rs.getBigDecimal(4))));
      }
    }
    return out;
  }

  /** The sum modulo 2^64, as Java's long addition wraps. */
  private static long wrap(BigDecimal sum) {
    return sum.toBigInteger().longValue();
  }

  /** Every row in {@code range}: key text to (canonical fields, display values). */
  Map<String, Rows.Row> rows(KeyRange range) throws SQLException {
    List<Object> params = new ArrayList<>();
    String where = key.isPresent() ? range.where(keyExprs(), params) : "";
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      ColumnPlan col = columns.get(i);
      sql.append(i > 0 ? ", " : "")
          .append("encode(")
          .append(PgCanon.field(col.target(), col.type()))
          .append(", 'hex')")
          .append(", ")
          .append(quote(col.target()))
          .append("::text");
    }
    sql.append(", ").append(PgCanon.hashes(rowExpr)).append(" FROM ").append(table).append(where);
    Map<String, Rows.Row> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      SourceSide.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        int n = 0;
        while (rs.next()) {
          List<String> fields = new ArrayList<>();
          List<String> display = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            fields.add(rs.getString(2 * i + 1));
            String v = rs.getString(2 * i + 2);
            display.add(v == null ? "NULL" : Rows.quoteIfText(columns.get(i).type(), v, false));
          }
          long h1 = rs.getLong(2 * columns.size() + 1);
          long h2 = rs.getLong(2 * columns.size() + 2);
          String label = key.map(tk -> tk.label(display)).orElse("row " + (++n));
          String match = key.map(tk -> tk.match(fields)).orElse(label);
          out.put(match, new Rows.Row(label, fields, display, h1, h2));
        }
      }
    }
    return out;
  }

  private List<String> keyExprs() {
    return key.orElseThrow().columns().stream()
        .map(
            col ->
                quote(col.target())
                    + (col.type().kind() == PgType.Kind.TEXT ? " COLLATE \"C\"" : ""))
        .toList();
  }
}
