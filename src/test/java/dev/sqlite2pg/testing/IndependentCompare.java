package dev.sqlite2pg.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A second check, written without the tool's {@code Canonical}: reads one table from SQLite and
 * from PostgreSQL with plain JDBC, in an order the caller gives for each side, and compares value
 * by value with simple rules chosen by the PostgreSQL column type.
 *
 * <p>Columns are matched by position: the tool keeps the source's column order.
 */
public final class IndependentCompare {

  /** ISO-8601 as SQLite apps write it: space or T, optional seconds fraction, optional zone. */
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(java.time.format.ResolverStyle.STRICT)
          .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;

  private IndependentCompare() {}

  /**
   * Every difference between the two sides, as "row n, column c: sqlite X, postgres Y"; empty when
   * the tables hold the same rows. {@code sqliteTable} may end in " WHERE ..." to leave out source
   * rows the tool rejected. {@code sqliteOrder} and {@code pgOrder} are ORDER BY clauses (without
   * the keywords) that put both sides in the same row order.
   */
  public static List<String> differences(
      Path sqlite,
      String sqliteTable,
      String sqliteOrder,
      String pgUrl,
      String pgTable,
      String pgOrder)
      throws SQLException {
    List<Object[]> src = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT * FROM " + from(sqliteTable) + " ORDER BY " + sqliteOrder)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        src.add(row);
      }
    }
    List<String> diffs = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pgUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + quote(pgTable) + " ORDER BY " + pgOrder)) {
      ResultSetMetaData md = rs.getMetaData();
      int row = 0;
      while (rs.next()) {
        if (row >= src.size()) {
          diffs.add("row " + row + ": only in PostgreSQL");
          row++;
          continue;
        }
        Object[] expected = src.get(row);
        if (expected.length != md.getColumnCount()) {
          diffs.add(
              "column count: sqlite " + expected.length + ", postgres " + md.getColumnCount());
          return diffs;
        }
        for (int i = 0; i < expected.length; i++) {
          String problem = compare(c, expected[i], rs, i + 1, md.getColumnTypeName(i + 1));
          if (problem != null) {
            diffs.add("row " + row + ", column " + md.getColumnName(i + 1) + ": " + problem);
          }
        }
        row++;
      }
      if (row < src.size()) {
        diffs.add((src.size() - row) + " rows only in SQLite");
      }
    }
    return diffs;
  }

  /** Null when equal, else what differs. */
  private static String compare(Connection pg, Object src, ResultSet rs, int col, String type)
      throws SQLException {
    Object raw = rs.getObject(col);
    if (src == null || raw == null) {
      return src == raw ? null : mismatch(src, raw);
    }
    boolean same =
        switch (type) {
          case "int2", "int4", "int8", "serial", "bigserial" ->
              isInteger(src) && ((Number) src).longValue() == rs.getLong(col);
          case "float4", "float8" ->
              src instanceof Number n
                  && Double.doubleToRawLongBits(n.doubleValue())
                      == Double.doubleToRawLongBits(rs.getDouble(col));
          case "numeric" ->
              src instanceof Number n && decimal(n).compareTo(rs.getBigDecimal(col)) == 0;
          case "bool" ->
              isInteger(src) && ((Number) src).longValue() == (rs.getBoolean(col) ? 1 : 0);
          case "text", "varchar", "bpchar" -> sameText(src, rs.getString(col));
          case "bytea" -> Arrays.equals(bytesOf(src), rs.getBytes(col));
          case "date" ->
              src instanceof String t
                  && LocalDate.parse(t).equals(rs.getObject(col, LocalDate.class));
          case "timestamp" -> localTime(src).equals(rs.getObject(col, LocalDateTime.class));
          case "timestamptz" ->
              instant(src).equals(rs.getObject(col, OffsetDateTime.class).toInstant());
          case "json", "jsonb" -> src instanceof String t && sameJson(pg, t, rs.getString(col));
          default -> throw new IllegalArgumentException("No comparison rule for type " + type);
        };
    return same ? null : mismatch(src, raw);
  }

  private static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Integer;
  }

  private static BigDecimal decimal(Number n) {
    // A SQLite REAL means the shortest decimal that reads back as the same double.
    return isInteger(n) ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.toString());
  }

  /** A number in a text column arrives as its decimal text; a real by its value. */
  private static boolean sameText(Object src, String pg) {
    if (src instanceof String t) {
      return t.equals(pg);
    }
    if (isInteger(src)) {
      return Long.toString(((Number) src).longValue()).equals(pg);
    }
    if (src instanceof Double d) {
      try {
        return Double.parseDouble(pg) == d;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  private static byte[] bytesOf(Object src) {
    if (src instanceof byte[] b) {
      return b;
    }
    return src.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static LocalDateTime localTime(Object src) {
    if (src instanceof String t) {
      return LocalDateTime.parse(t, ISO);
    }
    if (src instanceof Double jd) {
      long micros = Math.round((jd - UNIX_EPOCH_JULIAN_DAY) * 86_400_000_000.0);
      return LocalDateTime.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L),
          (int) Math.floorMod(micros, 1_000_000L) * 1000,
          ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("Not a local time: " + src);
  }

  /** ISO text (UTC when it has no zone), or Unix time: seconds below 10^11, else milliseconds. */
  private static Instant instant(Object src) {
    if (src instanceof String t) {
      var parsed = ISO.parse(t);
      LocalDateTime local = LocalDateTime.from(parsed);
      ZoneOffset zone =
          parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
      return local.toInstant(zone);
    }
    long v = ((Number) src).longValue();
    return Math.abs(v) < 100_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
  }

  /** JSON equality as PostgreSQL's jsonb defines it (key order and whitespace do not matter). */
  private static boolean sameJson(Connection pg, String src, String target) throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement("SELECT CAST(? AS jsonb) = CAST(? AS jsonb)")) {
      ps.setString(1, src);
      ps.setString(2, target);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String mismatch(Object src, Object pg) {
    return "sqlite " + show(src) + ", postgres " + show(pg);
  }

  private static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof byte[] b) {
      return "x'" + HexFormat.of().formatHex(b) + "'";
    }
    if (v instanceof Double d) {
      return d + " (bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
    }
    return v.getClass().getSimpleName() + " '" + v + "'";
  }

  /** A table name, or "name WHERE condition" to compare only some source rows. */
  private static String from(String table) {
    int where = table.indexOf(" WHERE ");
    return where < 0 ? quote(table) : quote(table.substring(0, where)) + table.substring(where);
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
