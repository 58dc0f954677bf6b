package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where each selected column lives in a table's records: column 0 is the rowid, then the columns
 * asked for, each at its position in CREATE TABLE (valid only for tables without generated columns,
 * which SQLite leaves out of or moves within the record). The INTEGER PRIMARY KEY column is stored
 * as NULL and read as the rowid.
 */
public final class RecordLayout {

  private static final int ROWID = -1;

  private final Table table;
  private final List<Column> columns;
  private final int[] fields;
  private final Connection c;
  private final Missing[] missing;
  private final boolean[] real;

  /**
   * @param c reads, once per column, the value of a column that older rows do not store (one added
   *     by ALTER TABLE ... ADD COLUMN ... DEFAULT, which SQLite supplies on read)
   */
  public RecordLayout(Table table, List<Column> columns, Connection c) {
    this.table = table;
    this.columns = columns;
    this.c = c;
    this.fields = new int[columns.size() + 1];
    this.missing = new Missing[columns.size() + 1];
    this.real = new boolean[columns.size() + 1];
    fields[0] = ROWID;
    for (int i = 0; i < columns.size(); i++) {
      Column col = columns.get(i);
      boolean alias = table.rowidAlias().map(a -> a.equalsIgnoreCase(col.name())).orElse(false);
      fields[i + 1] = alias ? ROWID : col.cid();
      real[i + 1] = Affinity.of(col.declaredType()) == Affinity.REAL;
    }
  }

  /** Whether records of {@code t} can be read by position: a rowid table, nothing generated. */
  public static boolean readable(Table t) {
    return !t.withoutRowid() && t.columns().stream().noneMatch(Column::isGenerated);
  }

  /** The record field of select-list column {@code col}, or -1 for the rowid. */
  int field(int col) {
    return fields[col];
  }

  /**
   * Whether column {@code col} has REAL affinity: SQLite stores an integral REAL there as an
   * integer, to save space, and turns it back into a REAL when reading it.
   */
  boolean real(int col) {
    return real[col];
  }

  /** The value SQLite gives for {@code col} in a record too short to hold it. */
  Missing missing(int col, long rowid) {
    if (missing[col] == null) {
      missing[col] = read(columns.get(col - 1), rowid);
    }
    return missing[col];
  }

  private Missing read(Column col, long rowid) {
    try (RowCursor r = TableReader.throughSqlite(c, table, List.of(col), true, rowid, rowid)) {
      if (!r.next()) {
        throw new IllegalStateException("row " + rowid + " of " + table.name() + " vanished");
      }
      int type = r.type(1);
      boolean bytes = type == SourceRow.TEXT || type == SourceRow.BLOB;
      return new Missing(type, r.getLong(1), r.getDouble(1), bytes ? r.getBytes(1) : new byte[0]);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Reading the default of "
              + table.name()
              + "."
              + col.name()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /** One value: a storage class and its content. */
  record Missing(int type, long longValue, double doubleValue, byte[] bytes) {}
}
