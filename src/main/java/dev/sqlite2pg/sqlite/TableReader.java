package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads a table's rows for the copy, the profile and the verification: column 0 is the rowid (NULL
 * for a WITHOUT ROWID table), then the given columns. From the file's pages when nobody can be
 * writing it ({@link SqliteSource#stable()}) and the table's records can be read by position;
 * through SQLite otherwise. Both give the same storage classes and the same bytes, which a test
 * checks over every table of the corpus.
 */
public final class TableReader {

  /** Set to false to read every table through SQLite (to compare, or to work around a bug). */
  static final String PAGES = "sqlite2pg.pages";

  private TableReader() {}

  /** Rows with {@code lo <= rowid <= hi} (all rows of a WITHOUT ROWID table), in rowid order. */
  public static RowCursor open(
      SqliteSource source,
      Connection c,
      Table t,
      List<Column> columns,
      boolean utf8,
      long lo,
      long hi)
      throws SQLException {
    if (byPages(source, t, utf8)) {
      PageFile file = source.pages();
      try {
        return new TableScan(file, rootPage(c, t), lo, hi, new RecordLayout(t, columns, c));
      } catch (SQLException | RuntimeException e) {
        file.close();
        throw e;
      }
    }
    return throughSqlite(c, t, columns, utf8, lo, hi);
  }

  /** As {@link #open}, always through SQLite. */
  static RowCursor throughSqlite(
      Connection c, Table t, List<Column> columns, boolean utf8, long lo, long hi)
      throws SQLException {
    StringBuilder sql = new StringBuilder(SourceQueries.select(t, columns));
    boolean ranged = !t.withoutRowid() && (lo != Long.MIN_VALUE || hi != Long.MAX_VALUE);
    if (ranged) {
      sql.append(" WHERE ").append(SourceQueries.rowidExpression(t)).append(" BETWEEN ? AND ?");
    }
    PreparedStatement ps = c.prepareStatement(sql.toString());
    if (ranged) {
      ps.setLong(1, lo);
      ps.setLong(2, hi);
    }
    return SqliteRow.query(ps, utf8);
  }

  /** Whether {@link #open} reads {@code t} from the file's pages. */
  public static boolean byPages(SqliteSource source, Table t, boolean utf8) {
    return source.stable()
        && utf8
        && RecordLayout.readable(t)
        && !"false".equals(System.getProperty(PAGES));
  }

  private static long rootPage(Connection c, Table t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
      ps.setString(1, t.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("table " + t.name() + " is not in sqlite_schema");
        }
        return rs.getLong(1);
      }
    }
  }
}
