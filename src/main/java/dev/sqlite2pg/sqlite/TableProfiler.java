package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, per column, how many values of each storage class a table holds, with the range of its
 * integers and reals, in a single aggregate query that SQLite runs natively.
 */
public final class TableProfiler {

  private static final int PER_COLUMN = 6;

  private TableProfiler() {}

  /** The row count and a profile per column name. */
  public record Result(long rows, Map<String, ColumnProfile> columns) {}

  /**
   * Per column: non-NULL count, integer/real/text counts (blobs are the rest), and plain min/max.
   * SQLite orders numbers before text and blobs, so for a column of numbers only, min/max are its
   * numeric range; the rules use them only then. This form costs about half of counting each class
   * and taking the range per class with CASE.
   */
  public static Result profile(Connection c, Table table) throws SQLException {
    return profile(c, table, table.columns());
  }

  /** As {@link #profile(Connection, Table)}, for some columns; the others get no profile. */
  public static Result profile(Connection c, Table table, List<Column> cols) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (Column col : cols) {
      String q = Identifiers.quote(col.name());
      sql.append(",\n count(")
          .append(q)
          .append(")")
          .append(", sum(typeof(")
          .append(q)
          .append(")='integer')")
          .append(", sum(typeof(")
          .append(q)
          .append(")='real')")
          .append(", sum(typeof(")
          .append(q)
          .append(")='text')")
          .append(", min(")
          .append(q)
          .append("), max(")
          .append(q)
          .append(")");
    }
    sql.append("\nFROM ").append(Identifiers.quote(table.name()));
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql.toString())) {
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
        long minInt =
            min instanceof Long || min instanceof Integer
                ? ((Number) min).longValue()
                : numbers ? (long) Math.floor(lo) : 0;
        long maxInt =
            max instanceof Long || max instanceof Integer
                ? ((Number) max).longValue()
                : numbers ? (long) Math.ceil(hi) : 0;
        out.put(
            cols.get(i).name(),
            new ColumnProfile(
                rows - nonNull,
                ints,
                reals,
                texts,
                nonNull - ints - reals - texts,
                minInt,
                maxInt,
                lo,
                hi));
      }
      return new Result(rows, out);
    }
  }

  /**
   * The same profile as the aggregate query, counted while reading {@code rows} (column 0 the
   * rowid, then {@code cols}): from the file's pages this costs a fraction of SQLite's
   * typeof/min/max over every value, since only numbers are decoded. min and max follow SQLite's
   * order (numbers, exactly compared, before text and blobs; the first of equal values).
   */
  public static Result profile(RowCursor rows, List<Column> cols) throws java.sql.SQLException {
    int n = cols.size();
    long count = 0;
    long[] nulls = new long[n];
    long[] ints = new long[n];
    long[] reals = new long[n];
    long[] texts = new long[n];
    long[] blobs = new long[n];
    Extreme[] min = new Extreme[n];
    Extreme[] max = new Extreme[n];
    for (int i = 0; i < n; i++) {
      min[i] = new Extreme(-1);
      max[i] = new Extreme(1);
    }
    while (rows.next()) {
      count++;
      for (int i = 0; i < n; i++) {
        switch (rows.type(i + 1)) {
          case SourceRow.INTEGER -> {
            ints[i]++;
            long v = rows.getLong(i + 1);
            min[i].offer(v);
            max[i].offer(v);
          }
          case SourceRow.FLOAT -> {
            reals[i]++;
            double d = rows.getDouble(i + 1);
            min[i].offer(d);
            max[i].offer(d);
          }
          case SourceRow.TEXT -> texts[i]++;
          case SourceRow.BLOB -> blobs[i]++;
          default -> nulls[i]++;
        }
      }
    }
    Map<String, ColumnProfile> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      boolean numbers = ints[i] + reals[i] > 0 && texts[i] == 0 && blobs[i] == 0;
      out.put(
          cols.get(i).name(),
          new ColumnProfile(
              nulls[i],
              ints[i],
              reals[i],
              texts[i],
              blobs[i],
              min[i].floor(numbers),
              numbers ? max[i].ceil() : 0,
              numbers ? min[i].asDouble() : Double.NaN,
              numbers ? max[i].asDouble() : Double.NaN));
    }
    return new Result(count, out);
  }

  /**
   * The smallest (sign -1) or largest (sign 1) number seen, integer or real, as SQLite keeps it.
   */
  private static final class Extreme {
    private final int sign;
    private boolean seen;
    private boolean isInt;
    private long l;
    private double d;

    Extreme(int sign) {
      this.sign = sign;
    }

    void offer(long v) {
      if (!seen || Integer.signum(isInt ? Long.compare(v, l) : compare(v, d)) == sign) {
        seen = true;
        isInt = true;
        l = v;
      }
    }

    void offer(double v) {
      if (!seen || Integer.signum(isInt ? -compare(l, v) : v < d ? -1 : v > d ? 1 : 0) == sign) {
        seen = true;
        isInt = false;
        d = v;
      }
    }

    /** As the aggregate gives it: an integer minimum even beside text, a real only alone. */
    long floor(boolean numbersOnly) {
      return !seen ? 0 : isInt ? l : numbersOnly ? (long) Math.floor(d) : 0;
    }

    long ceil() {
      return isInt ? l : (long) Math.ceil(d);
    }

    double asDouble() {
      return isInt ? (double) l : d;
    }

    /** An integer against a real, exactly (as sqlite3IntFloatCompare does). */
    static int compare(long a, double b) {
      if (b < -0x1p63) {
        return 1;
      }
      if (b >= 0x1p63) {
        return -1;
      }
      long t = (long) b;
      if (a != t) {
        return Long.compare(a, t);
      }
      double frac = b - (double) t;
      return frac > 0 ? -1 : frac < 0 ? 1 : 0;
    }
  }

  /**
   * The largest integer a column holds in the source, rows the copy rejected included, if any: an
   * identity sequence must move past it so that the application's next insert does not take the id
   * of a row that is still to be repaired and loaded. The rowid alias is read from the b-tree's
   * last entry; another column is scanned.
   */
  public static java.util.OptionalLong highestInteger(Connection c, Table t, String column)
      throws SQLException {
    boolean alias = t.rowidAlias().map(column::equalsIgnoreCase).orElse(false);
    String q = Identifiers.quote(column);
    String sql =
        alias
            ? "SELECT max(" + q + ") FROM " + Identifiers.quote(t.name())
            : "SELECT max(CASE WHEN typeof("
                + q
                + ") = 'integer' THEN "
                + q
                + " END) FROM "
                + Identifiers.quote(t.name());
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getObject(1) == null
          ? java.util.OptionalLong.empty()
          : java.util.OptionalLong.of(rs.getLong(1));
    }
  }

  /**
   * The range of a column's integers (by absolute value) and reals, for a column loaded into an
   * existing date or timestamp column: the integers' size tells their epoch unit, reals in the
   * Julian-day range are Julian days. Empty bounds are null.
   */
  public record NumberRange(Long minAbsInt, Long maxAbsInt, Double minReal, Double maxReal) {}

  public static NumberRange numberRange(Connection c, String table, String column)
      throws SQLException {
    String q = Identifiers.quote(column);
    // Digits stored as text count as integers: int(time.time()) written into a TEXT column
    // becomes '1655847091' under TEXT affinity, and the encoders read it as the number it is.
    String integer =
        "CASE WHEN typeof("
            + q
            + ") = 'integer' THEN "
            + q
            + " WHEN typeof("
            + q
            + ") = 'text' AND "
            + q
            + " GLOB '[0-9]*' AND "
            + q
            + " NOT GLOB '*[^0-9]*' AND length("
            + q
            + ") <= 18 THEN CAST("
            + q
            + " AS INTEGER) END";
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT min(abs("
                    + integer
                    + ")),"
                    + " max(abs("
                    + integer
                    + ")),"
                    + " min(CASE WHEN typeof("
                    + q
                    + ") = 'real' THEN "
                    + q
                    + " END),"
                    + " max(CASE WHEN typeof("
                    + q
                    + ") = 'real' THEN "
                    + q
                    + " END)"
                    + " FROM "
                    + Identifiers.quote(table))) {
      rs.next();
      return new NumberRange(
          rs.getObject(1) == null ? null : rs.getLong(1),
          rs.getObject(2) == null ? null : rs.getLong(2),
          rs.getObject(3) == null ? null : rs.getDouble(3),
          rs.getObject(4) == null ? null : rs.getDouble(4));
    }
  }
}
