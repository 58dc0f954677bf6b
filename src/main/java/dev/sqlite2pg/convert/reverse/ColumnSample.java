package dev.sqlite2pg.convert.reverse;

import static dev.sqlite2pg.sql.Identifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A column's non-null values as the application left them in SQLite, for {@link ColumnShape#of}:
 * the most recently inserted rows first (highest rowid), since an application that changed how it
 * writes a column shows its current form there.
 */
public final class ColumnSample {

  /** Enough rows for a clear vote, few enough to read in milliseconds on a busy file. */
  public static final int DEFAULT_SIZE = 1_000;

  private ColumnSample() {}

  /**
   * Up to {@code limit} non-null values of {@code column} in {@code table}, each as Long, Double,
   * String or byte[] by its storage class (typeof()), not by the column's declared type.
   */
  public static List<Object> read(Connection sqlite, String table, String column, int limit)
      throws SQLException {
    String select =
        "SELECT typeof("
            + quote(column)
            + "), "
            + quote(column)
            + " FROM "
            + quote(table)
            + " WHERE "
            + quote(column)
            + " IS NOT NULL";
    try {
      return read(sqlite, select + " ORDER BY rowid DESC LIMIT ?", limit);
    } catch (SQLException e) {
      if (e.getMessage() == null || !e.getMessage().contains("no such column")) {
        throw e;
      }
      return read(sqlite, select + " LIMIT ?", limit); // WITHOUT ROWID: no rowid to order by
    }
  }

  private static List<Object> read(Connection c, String sql, int limit) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(value(rs));
        }
      }
    }
    return out;
  }

  private static Object value(ResultSet rs) throws SQLException {
    return switch (rs.getString(1)) {
      case "integer" -> rs.getLong(2);
      case "real" -> rs.getDouble(2);
      case "blob" -> rs.getBytes(2);
      default -> rs.getString(2);
    };
  }
}
