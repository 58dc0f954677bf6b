package dev.sqlite2pg.sqlite;

import java.util.Arrays;
import org.sqlite.SQLiteException;

/**
 * The rows of one rowid table, in rowid order, read from its B-tree in a {@link PageFile}: interior
 * pages are descended to the first rowid of the range, leaf cells are decoded as records, payloads
 * that spill are reassembled from their overflow chains. The current row is a {@link SourceRow}
 * whose columns are chosen by {@link RecordLayout}.
 */
public final class TableScan implements RowCursor {

  /** SQLite refuses B-trees deeper than 20; a deeper walk means a cycle in a damaged file. */
  private static final int MAX_DEPTH = 40;

  private static final int LEAF = 0x0D;
  private static final int INTERIOR = 0x05;

  private final PageFile file;
  private final RecordLayout layout;
  private final long hi;
  private final int usable;
  private final byte[][] pages = new byte[MAX_DEPTH][];
  private final long[] pageNo = new long[MAX_DEPTH];

  /** Per interior level: the cell whose child is being read (cell count = the right pointer). */
  private final int[] at = new int[MAX_DEPTH];

  private int depth;
  private int leafCell;
  private boolean done;
  private byte[] spill = new byte[0];
  private final byte[] overflowPage;
  private final Record record = new Record();

  /**
   * Rows with {@code lo <= rowid <= hi} of the table whose B-tree starts at page {@code root};
   * closing the scan closes {@code file}.
   */
  public TableScan(PageFile file, long root, long lo, long hi, RecordLayout layout)
      throws SQLiteException {
    this.file = file;
    this.layout = layout;
    this.hi = hi;
    this.usable = file.usable();
    this.overflowPage = new byte[file.pageSize()];
    try {
      descend(root, lo);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw PageFile.corrupt(file.path(), "a cell out of its page near page " + root);
    }
  }

  /** Reads pages from {@code pgno} down to the leaf that holds the first rowid >= lo. */
  private void descend(long pgno, long lo) throws SQLiteException {
    while (true) {
      if (depth >= MAX_DEPTH) {
        throw PageFile.corrupt(file.path(), "a B-tree deeper than " + MAX_DEPTH + " pages");
      }
      byte[] p = page(depth);
      file.read(pgno, p);
      pageNo[depth] = pgno;
      int h = header(pgno);
      int type = p[h] & 0xff;
      int cells = u16(p, h + 3);
      if (type == LEAF) {
        leafCell = lo == Long.MIN_VALUE ? 0 : firstLeafCell(p, h, cells, lo);
        return;
      }
      if (type != INTERIOR) {
        throw PageFile.corrupt(
            file.path(), "page " + pgno + " of type " + type + " inside a table B-tree");
      }
      int i = lo == Long.MIN_VALUE ? 0 : firstChild(p, h, cells, lo);
      at[depth] = i;
      depth++;
      pgno = child(p, h, cells, i);
    }
  }

  private byte[] page(int level) {
    if (pages[level] == null) {
      pages[level] = new byte[file.pageSize()];
    }
    return pages[level];
  }

  private static int header(long pgno) {
    return pgno == 1 ? 100 : 0;
  }

  /** The first interior cell whose key (the largest rowid on its left) is >= lo. */
  private int firstChild(byte[] p, int h, int cells, long lo) throws SQLiteException {
    int a = 0;
    int b = cells;
    while (a < b) {
      int m = (a + b) >>> 1;
      int off = cellOffset(p, h + 12, m);
      varint(p, off + 4);
      if (v < lo) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  private int firstLeafCell(byte[] p, int h, int cells, long lo) throws SQLiteException {
    int a = 0;
    int b = cells;
    while (a < b) {
      int m = (a + b) >>> 1;
      int off = cellOffset(p, h + 8, m);
      off = varint(p, off);
      varint(p, off);
      if (v < lo) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  private long child(byte[] p, int h, int cells, int i) throws SQLiteException {
    return i < cells ? u32(p, cellOffset(p, h + 12, i)) : u32(p, h + 8);
  }

  private int cellOffset(byte[] p, int pointers, int i) throws SQLiteException {
    int off = u16(p, pointers + 2 * i);
    if (off < pointers || off >= usable) {
      throw PageFile.corrupt(file.path(), "cell " + i + " at offset " + off);
    }
    return off;
  }

  @Override
  public boolean next() throws SQLiteException {
    try {
      return advance();
    } catch (ArrayIndexOutOfBoundsException e) {
      // Varints and cells are bounds-checked where a sound file could reach; past that, only a
      // damaged page reads outside its array.
      throw PageFile.corrupt(file.path(), "a cell out of its page near page " + pageNo[depth]);
    }
  }

  private boolean advance() throws SQLiteException {
    while (!done) {
      byte[] leaf = pages[depth];
      int h = header(pageNo[depth]);
      if (leafCell < u16(leaf, h + 3)) {
        int off = cellOffset(leaf, h + 8, leafCell++);
        readCell(leaf, off);
        if (record.rowid > hi) {
          done = true;
          return false;
        }
        return true;
      }
      if (!nextLeaf()) {
        done = true;
      }
    }
    return false;
  }

  /** Climbs to the nearest interior page with a child left and reads down its first leaf. */
  private boolean nextLeaf() throws SQLiteException {
    while (depth > 0) {
      int level = depth - 1;
      byte[] p = pages[level];
      int h = header(pageNo[level]);
      int cells = u16(p, h + 3);
      if (at[level] < cells) {
        at[level]++;
        depth = level + 1;
        descend(child(p, h, cells, at[level]), Long.MIN_VALUE);
        return true;
      }
      depth = level;
    }
    return false;
  }

  private void readCell(byte[] leaf, int off) throws SQLiteException {
    off = varint(leaf, off);
    long size = v;
    off = varint(leaf, off);
    long rowid = v;
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      throw PageFile.corrupt(file.path(), "a payload of " + size + " bytes");
    }
    int total = (int) size;
    int local = localSize(total);
    if (off + local > usable) {
      throw PageFile.corrupt(file.path(), "a cell running past its page");
    }
    if (local == total) {
      record.decode(leaf, off, total, rowid, file);
      return;
    }
    if (spill.length < total) {
      spill = new byte[Math.max(total, spill.length * 2)];
    }
    System.arraycopy(leaf, off, spill, 0, local);
    long next = u32(leaf, off + local);
    int filled = local;
    while (filled < total) {
      if (next == 0) {
        throw PageFile.corrupt(file.path(), "an overflow chain ending early");
      }
      file.read(next, overflowPage);
      int n = Math.min(usable - 4, total - filled);
      System.arraycopy(overflowPage, 4, spill, filled, n);
      filled += n;
      next = u32(overflowPage, 0);
    }
    record.decode(spill, 0, total, rowid, file);
  }

  /** How much of a payload a table leaf keeps on its own page (fileformat2, "Cell Payload"). */
  private int localSize(int total) {
    int x = usable - 35;
    if (total <= x) {
      return total;
    }
    int m = ((usable - 12) * 32 / 255) - 23;
    int k = m + ((total - m) % (usable - 4));
    return k <= x ? k : m;
  }

  /** The value of the last varint read. */
  private long v;

  /** Reads a varint at {@code off} into {@link #v}; returns the offset after it. */
  private int varint(byte[] p, int off) {
    long x = 0;
    for (int k = 0; k < 8; k++) {
      int b = p[off++];
      x = (x << 7) | (b & 0x7f);
      if (b >= 0) {
        v = x;
        return off;
      }
    }
    v = (x << 8) | (p[off++] & 0xff);
    return off;
  }

  private static int u16(byte[] p, int i) {
    return ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
  }

  private static long u32(byte[] p, int i) {
    return ((long) (p[i] & 0xff) << 24)
        | ((p[i + 1] & 0xff) << 16)
        | ((p[i + 2] & 0xff) << 8)
        | (p[i + 3] & 0xff);
  }

  // SourceRow over the current record, columns chosen by the layout.

  @Override
  public int type(int col) {
    int f = layout.field(col);
    return f < 0 ? INTEGER : record.type(f, layout, col);
  }

  @Override
  public long getLong(int col) {
    int f = layout.field(col);
    return f < 0 ? record.rowid : record.getLong(f, layout, col);
  }

  @Override
  public double getDouble(int col) {
    int f = layout.field(col);
    return f < 0 ? record.rowid : record.getDouble(f, layout, col);
  }

  @Override
  public byte[] getBytes(int col) {
    int f = layout.field(col);
    if (f < 0) {
      return Long.toString(record.rowid).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    return record.getBytes(f, layout, col);
  }

  @Override
  public void close() {
    Arrays.fill(pages, null);
    file.close();
  }

  /** The decoded record of the current cell: a serial type and an offset per field. */
  private final class Record {
    long rowid;
    byte[] data;
    int fields;
    long[] serial = new long[16];
    int[] start = new int[16];

    void decode(byte[] d, int off, int len, long rowid, PageFile file) throws SQLiteException {
      this.rowid = rowid;
      this.data = d;
      int end = off + len;
      int p = varint(d, off);
      long headerSize = v;
      if (headerSize < 1 || headerSize > len) {
        throw PageFile.corrupt(file.path(), "a record header of " + headerSize + " bytes");
      }
      int headerEnd = off + (int) headerSize;
      int body = headerEnd;
      int n = 0;
      while (p < headerEnd) {
        p = varint(d, p);
        long st = v;
        if (n == serial.length) {
          serial = Arrays.copyOf(serial, n * 2);
          start = Arrays.copyOf(start, n * 2);
        }
        serial[n] = st;
        start[n] = body;
        long size = size(st);
        if (size < 0 || body + size > end) {
          throw PageFile.corrupt(
              file.path(),
              "a record field of serial type " + st + " past its payload (rowid " + rowid + ")");
        }
        body += (int) size;
        n++;
      }
      fields = n;
    }

    private static long size(long st) {
      if (st >= 12) {
        return (st - 12) >> 1;
      }
      return switch ((int) st) {
        case 0, 8, 9 -> 0;
        case 1 -> 1;
        case 2 -> 2;
        case 3 -> 3;
        case 4 -> 4;
        case 5 -> 6;
        case 6, 7 -> 8;
        default -> -1; // 10 and 11 are reserved
      };
    }

    int type(int f, RecordLayout layout, int col) {
      if (f >= fields) {
        return layout.missing(col, rowid).type();
      }
      long st = serial[f];
      if (st == 0) {
        return NULL;
      }
      if (st == 7) {
        return FLOAT;
      }
      if (st < 12) {
        return layout.real(col) ? FLOAT : INTEGER;
      }
      return (st & 1) == 0 ? BLOB : TEXT;
    }

    long getLong(int f, RecordLayout layout, int col) {
      if (f >= fields) {
        return layout.missing(col, rowid).longValue();
      }
      long st = serial[f];
      int i = start[f];
      byte[] d = data;
      return switch ((int) Math.min(st, 12)) {
        case 1 -> d[i];
        case 2 -> (short) (((d[i] & 0xff) << 8) | (d[i + 1] & 0xff));
        case 3 -> (((d[i] << 16) | ((d[i + 1] & 0xff) << 8) | (d[i + 2] & 0xff)) << 8) >> 8;
        case 4 ->
            ((d[i] & 0xff) << 24
                | (d[i + 1] & 0xff) << 16
                | (d[i + 2] & 0xff) << 8
                | (d[i + 3] & 0xff));
        case 5 -> ((long) d[i] << 40) | ((long) (d[i + 1] & 0xff) << 32) | be32(d, i + 2);
        case 6 -> (be32(d, i) << 32) | be32(d, i + 4);
        case 7 -> (long) Double.longBitsToDouble((be32(d, i) << 32) | be32(d, i + 4));
        case 9 -> 1;
        default -> 0;
      };
    }

    double getDouble(int f, RecordLayout layout, int col) {
      if (f >= fields) {
        return layout.missing(col, rowid).doubleValue();
      }
      if (serial[f] == 7) {
        int i = start[f];
        return Double.longBitsToDouble((be32(data, i) << 32) | be32(data, i + 4));
      }
      return getLong(f, layout, col);
    }

    byte[] getBytes(int f, RecordLayout layout, int col) {
      if (f >= fields) {
        return layout.missing(col, rowid).bytes();
      }
      long st = serial[f];
      if (st < 12) {
        return new byte[0];
      }
      int i = start[f];
      return Arrays.copyOfRange(data, i, i + (int) size(st));
    }

    private static long be32(byte[] d, int i) {
      return ((long) (d[i] & 0xff) << 24)
          | ((d[i + 1] & 0xff) << 16)
          | ((d[i + 2] & 0xff) << 8)
          | (d[i + 3] & 0xff);
    }
  }
}
