package dev.sqlite2pg.copy;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import java.util.Arrays;

/**
 * Encoded rows waiting to be sent as one COPY, with where each row starts and how to name it, so
 * that a batch PostgreSQL refuses can be split and sent again without reading SQLite twice.
 */
final class Batch {

  /** A batch is sent when it holds this many bytes, whatever --batch-size says. */
  static final int MAX_BYTES = 8 << 20;

  /**
   * Starts small and grows (doubling) to what the thread's largest table needs: a buffer of
   * MAX_BYTES at once was 9 MB zeroed for every new copy thread, and a fleet's 1,000 files of 2,000
   * rows start some 3,000 of them (3% of the client's CPU in memset, more in young GCs).
   */
  final BinaryCopyBuffer buf = new BinaryCopyBuffer(64 << 10);

  private int[] starts = new int[1024];
  private long[] rowids = new long[1024];
  private int rows;

  /** Begins a row: remembers where it starts and its rowid (for reports). */
  void startRow(int fields, long rowid) {
    if (rows + 1 >= starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
      rowids = Arrays.copyOf(rowids, rowids.length * 2);
    }
    starts[rows] = buf.size();
    rowids[rows] = rowid;
    buf.startRow(fields);
  }

  /** Keeps the row begun last. */
  void keepRow() {
    rows++;
  }

  /** Drops the row begun last (a value did not convert). */
  void dropRow() {
    buf.rollbackRow();
  }

  int rows() {
    return rows;
  }

  boolean full(int maxRows, int maxBytes) {
    return rows >= maxRows || buf.size() >= maxBytes;
  }

  int start(int row) {
    return row == rows ? buf.size() : starts[row];
  }

  long rowid(int row) {
    return rowids[row];
  }

  void clear() {
    buf.reset();
    rows = 0;
  }
}
