package dev.sqlite2pg.convert;

import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL binary COPY data built in one growable array that is reused across batches, so writing
 * a value allocates nothing. Layout: {@link #writeHeader()}, then per row {@link #startRow(int)}
 * and exactly that many fields, then {@link #writeTrailer()}.
 *
 * <p>When a value of a row fails to convert, {@link #rollbackRow()} removes the partial row, so one
 * bad value costs that row and never corrupts the stream. The buffer counts the fields of each row
 * and refuses to start the next row (or the trailer) when the count is off: a wrong count would
 * otherwise surface much later as an obscure "row field count" error from the server.
 */
public final class BinaryCopyBuffer implements FieldSink {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  private byte[] buf;
  private int size;
  private int rowStart = -1;
  private int expectedFields;
  private int fields;
  private long rows;

  public BinaryCopyBuffer() {
    this(64 * 1024);
  }

  public BinaryCopyBuffer(int initialCapacity) {
    buf = new byte[Math.max(initialCapacity, 64)];
  }

  /** The signature, flags 0 (no OIDs) and an empty header extension. */
  public void writeHeader() {
    ensure(SIGNATURE.length + 8);
    System.arraycopy(SIGNATURE, 0, buf, size, SIGNATURE.length);
    size += SIGNATURE.length;
    putInt(0);
    putInt(0);
  }

  /** Begins a row of {@code fieldCount} fields and remembers where it began. */
  public void startRow(int fieldCount) {
    if (fieldCount < 0 || fieldCount > Short.MAX_VALUE) {
      throw new IllegalArgumentException("A COPY row has 0 to 32767 fields, not " + fieldCount);
    }
    requireRowComplete();
    rowStart = size;
    expectedFields = fieldCount;
    fields = 0;
    rows++;
    ensure(2);
    putShort(fieldCount);
  }

  /** Removes the row begun by the last {@link #startRow(int)}, whatever of it was written. */
  public void rollbackRow() {
    if (rowStart < 0) {
      throw new IllegalStateException("No row to roll back");
    }
    size = rowStart;
    rowStart = -1;
    rows--;
  }

  /** The end-of-data marker; call once after the last row. */
  public void writeTrailer() {
    requireRowComplete();
    ensure(2);
    putShort(-1);
  }

  /** Rows started and not rolled back since the last {@link #reset()}. */
  public long rowCount() {
    return rows;
  }

  /** Bytes written since the last {@link #reset()}. */
  public int size() {
    return size;
  }

  /** The backing array; only the first {@link #size()} bytes are data. */
  public byte[] array() {
    return buf;
  }

  /** A copy of the data, for tests and small tools. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Empties the buffer and keeps its capacity. */
  public void reset() {
    size = 0;
    rowStart = -1;
    fields = 0;
    expectedFields = 0;
    rows = 0;
  }

  /**
   * Sends everything written so far to {@code in} and empties the buffer. Must not be called in the
   * middle of a row: the row could then no longer be rolled back.
   */
  public void flushTo(CopyIn in) throws SQLException {
    requireRowComplete();
    if (size > 0) {
      in.writeToCopy(buf, 0, size);
    }
    reset();
  }

  @Override
  public void writeNull() {
    field(0);
    putInt(-1);
  }

  @Override
  public void writeInt2(short value) {
    field(2);
    putInt(2);
    putShort(value);
  }

  @Override
  public void writeInt4(int value) {
    field(4);
    putInt(4);
    putInt(value);
  }

  @Override
  public void writeInt8(long value) {
    field(8);
    putInt(8);
    putLong(value);
  }

  @Override
  public void writeFloat4(float value) {
    field(4);
    putInt(4);
    putInt(Float.floatToRawIntBits(value));
  }

  @Override
  public void writeFloat8(double value) {
    field(8);
    putInt(8);
    putLong(Double.doubleToRawLongBits(value));
  }

  @Override
  public void writeBoolean(boolean value) {
    field(1);
    putInt(1);
    buf[size++] = (byte) (value ? 1 : 0);
  }

  @Override
  public void writeBytes(byte[] bytes, int off, int len) {
    field(len);
    putInt(len);
    System.arraycopy(bytes, off, buf, size, len);
    size += len;
  }

  @Override
  public void writePrefixedBytes(byte prefix, byte[] bytes, int off, int len) {
    if (len == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("A COPY field is at most 2^31-1 bytes");
    }
    field(len + 1);
    putInt(len + 1);
    buf[size++] = prefix;
    System.arraycopy(bytes, off, buf, size, len);
    size += len;
  }

  /** Counts one field and makes room for its length word and {@code payload} bytes. */
  private void field(int payload) {
    if (rowStart < 0) {
      throw new IllegalStateException("A field written outside a row; call startRow first");
    }
    if (fields == expectedFields) {
      throw new IllegalStateException("Row declared " + expectedFields + " fields, got more");
    }
    fields++;
    ensure(4 + payload);
  }

  private void requireRowComplete() {
    if (rowStart >= 0 && fields != expectedFields) {
      throw new IllegalStateException(
          "Row declared " + expectedFields + " fields but " + fields + " were written");
    }
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed > buf.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("COPY buffer would exceed 2 GiB; flush more often");
      }
      long grown = Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 8));
      buf = Arrays.copyOf(buf, (int) grown);
    }
  }

  private void putShort(int v) {
    buf[size] = (byte) (v >>> 8);
    buf[size + 1] = (byte) v;
    size += 2;
  }

  private void putInt(int v) {
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
