package dev.sqlite2pg.source;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.mapping.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, per column, how many values of each storage class a table holds, with the range of
 * its integers and reals, in a single aggregate query that SQLite runs natively.
 */
public final class TableProfiler {

  private static final int PER_COLUMN = 8;

  private TableProfiler() {}

  /** The row count and a profile per column name. */
  public record Result(long rows, Map<String, ColumnProfile> columns) {}

  public static Result profile(Connection c, Table table) throws SQLException {
    List<Column> cols = table.columns();
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (Column col : cols) {
      String q = Identifiers.quote(col.name());
      sql.append(",\n sum(typeof(").append(q).append(")='integer')")
          .append(", sum(typeof(").append(q).append(")='real')")
          .append(", sum(typeof(").append(q).append(")='text')")
          .append(", sum(typeof(").append(q).append(")='blob')")
          .append(", min(CASE WHEN typeof(").append(q).append(")='integer' THEN ").append(q).append(" END)")
          .append(", max(CASE WHEN typeof(").append(q).append(")='integer' THEN ").append(q).append(" END)")
          .append(", min(CASE WHEN typeof(").append(q).append(")='real' THEN ").append(q).append(" END)")
          .append(", max(CASE WHEN typeof(").append(q).append(")='real' THEN ").append(q).append(" END)");
    }
    sql.append("\nFROM ").append(Identifiers.quote(table.name()));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
      rs.next();
      long rows = rs.getLong(1);
      Map<String, ColumnProfile> out = new LinkedHashMap<>();
      for (int i = 0; i < cols.size(); i++) {
        int b = 2 + i * PER_COLUMN;
        long ints = rs.getLong(b);
        long reals = rs.getLong(b + 1);
        long texts = rs.getLong(b + 2);
        long blobs = rs.getLong(b + 3);
        double minReal = rs.getObject(b + 6) == null ? Double.NaN : rs.getDouble(b + 6);
        double maxReal = rs.getObject(b + 7) == null ? Double.NaN : rs.getDouble(b + 7);
        out.put(cols.get(i).name(), new ColumnProfile(rows - ints - reals - texts - blobs,
            ints, reals, texts, blobs, rs.getLong(b + 4), rs.getLong(b + 5), minReal, maxReal));
      }
      return new Result(rows, out);
    }
  }
}
