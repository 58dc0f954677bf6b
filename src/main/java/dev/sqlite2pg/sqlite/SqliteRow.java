package dev.sqlite2pg.sqlite;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.SafeStmtPtr;

/**
 * {@link SourceRow} over a sqlite-jdbc result set, reading values straight from the statement
 * (sqlite3_column_type / _int64 / _double / _blob). The JDBC getters would box every value and
 * decode text to a String, which hides invalid UTF-8 behind replacement characters.
 */
public final class SqliteRow implements RowCursor {

  private final ResultSet rs;
  private final SafeStmtPtr ptr;
  private final boolean utf8;
  private java.sql.Statement owned;

  /**
   * @param utf8 whether the database stores text as UTF-8; for UTF-16 databases text bytes are
   *     converted (sqlite3_column_blob would return UTF-16 bytes)
   */
  public SqliteRow(ResultSet rs, boolean utf8) throws SQLException {
    this.rs = rs;
    this.ptr = ((CoreStatement) rs.getStatement()).pointer;
    this.utf8 = utf8;
  }

  /** Runs {@code ps} and reads its rows; closing the row closes the statement too. */
  public static SqliteRow query(java.sql.PreparedStatement ps, boolean utf8) throws SQLException {
    try {
      SqliteRow row = new SqliteRow(ps.executeQuery(), utf8);
      row.owned = ps;
      return row;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  @Override
  public boolean next() throws SQLException {
    return rs.next();
  }

  /** Closes the result set, and the statement when {@link #query} ran it. */
  @Override
  public void close() throws SQLException {
    rs.close();
    if (owned != null) {
      owned.close();
    }
  }

  @Override
  public int type(int col) {
    try {
      return ptr.safeRunInt((db, p) -> db.column_type(p, col));
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the type of column " + col + " failed", e);
    }
  }

  @Override
  public long getLong(int col) {
    try {
      return ptr.safeRunLong((db, p) -> db.column_long(p, col));
    } catch (SQLException e) {
      throw new IllegalStateException("Reading column " + col + " failed", e);
    }
  }

  @Override
  public double getDouble(int col) {
    try {
      return ptr.safeRunDouble((db, p) -> db.column_double(p, col));
    } catch (SQLException e) {
      throw new IllegalStateException("Reading column " + col + " failed", e);
    }
  }

  @Override
  public byte[] getBytes(int col) {
    try {
      if (!utf8 && type(col) == TEXT) {
        String s = ptr.safeRun((db, p) -> db.column_text(p, col));
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
      }
      byte[] b = ptr.safeRun((db, p) -> db.column_blob(p, col));
      // sqlite3_column_blob returns NULL for a zero-length value.
      return b == null ? new byte[0] : b;
    } catch (SQLException e) {
      throw new IllegalStateException("Reading column " + col + " failed", e);
    }
  }
}
