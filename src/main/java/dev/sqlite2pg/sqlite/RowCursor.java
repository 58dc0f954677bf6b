package dev.sqlite2pg.sqlite;

import java.sql.SQLException;

/** A forward-only read of rows; the current row's values through {@link SourceRow}. */
public interface RowCursor extends SourceRow, AutoCloseable {

  /** Moves to the next row; false when there is none. */
  boolean next() throws SQLException;

  @Override
  void close() throws SQLException;
}
