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

  private static final int PER_COLUMN = 6;

  private TableProfiler() {}

  /** The row count and a profile per column name. */
  public record Result(long rows, Map<String, ColumnProfile> columns) {}

  /**
   * Per column: non-NULL count, integer/real/text counts (blobs are the rest), and plain
   * min/max. SQLite orders numbers before text and blobs, so for a column of numbers only,
   * min/max are its numeric range; the rules use them only then. This form costs about half
   * of counting each class and taking the range per class with CASE.
   */
  public static Result profile(Connection c, Table table) throws SQLException {
    return profile(c, table, table.columns());
  }

  /** As {@link #profile(Connection, Table)}, for some columns; the others get no profile. */
  public static Result profile(Connection c, Table table, List<Column> cols) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (Column col : cols) {
      String q = Identifiers.quote(col.name());
      sql.append(",\n count(").append(q).append(")")
          .append(", sum(typeof(").append(q).append(")='integer')")
          .append(", sum(typeof(").append(q).append(")='real')")
          .append(", sum(typeof(").append(q).append(")='text')")
          .append(", min(").append(q).append("), max(").append(q).append(")");
    }
    sql.append("\nFROM ").append(Identifiers.quote(table.name()));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
      rs.next();
      long rows = rs.getLong(1);
      Map<String, ColumnProfile> out = new LinkedHashMap<>();
      for (int i = 0; i < cols.size(); i++) {
        int b = 2 + i * PER_COLUMN;
        long nonNull = rs.getLong(b);
        long ints = rs.getLong(b + 1);
        long reals = rs.getLong(b + 2);
        long texts = rs.getLong(b + 3);
        Object min = rs.getObject(b + 4);
        Object max = rs.getObject(b + 5);
        boolean numbers = min instanceof Number && max instanceof Number;
        double lo = numbers ? ((Number) min).doubleValue() : Double.NaN;
        double hi = numbers ? ((Number) max).doubleValue() : Double.NaN;
        long minInt = min instanceof Long || min instanceof Integer ? ((Number) min).longValue()
            : numbers ? (long) Math.floor(lo) : 0;
        long maxInt = max instanceof Long || max instanceof Integer ? ((Number) max).longValue()
            : numbers ? (long) Math.ceil(hi) : 0;
        out.put(cols.get(i).name(), new ColumnProfile(rows - nonNull, ints, reals, texts,
            nonNull - ints - reals - texts, minInt, maxInt, lo, hi));
      }
      return new Result(rows, out);
    }
  }
}
