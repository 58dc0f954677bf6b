package dev.sqlite2pg.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A SQLite database file read page by page, without SQLite, as the file format document
 * (sqlite.org/fileformat2.html) lays it out. Only for files nobody writes while they are read: a
 * snapshot this tool took, a WAL database with no -wal file (opened immutable anyway), or a
 * rollback-journal database no other process has open, read under SQLite's shared lock. Reading
 * here instead of through sqlite-jdbc saves a JNI call per value, which was most of the copy's and
 * the verification's time on large tables. One instance per scan.
 */
public final class PageFile implements AutoCloseable {
  // Not thread-safe (its read-ahead buffer is its own): one PageFile per scan.

  private final Path path;
  private final FileChannel channel;
  private final int pageSize;
  private final int usable;
  private final long pages;

  /** Whether {@link #close} leaves the channel open, for its owner to close. */
  private final boolean borrowed;

  private PageFile(
      Path path, FileChannel channel, int pageSize, int usable, long pages, boolean borrowed) {
    this.path = path;
    this.channel = channel;
    this.pageSize = pageSize;
    this.usable = usable;
    this.pages = pages;
    this.borrowed = borrowed;
  }

  /** Opens {@code path} read-only and reads its 100-byte header. */
  public static PageFile open(Path path) throws SQLiteException {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
      PageFile f = over(path, ch, false);
      ch = null;
      return f;
    } catch (IOException e) {
      throw ioError(path, e);
    } finally {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
    }
  }

  /**
   * Reads {@code path} through {@code channel}, which stays open when this is closed: a database
   * read in place under SQLite's lock ({@link SqliteSource#inPlace}) must not have a descriptor of
   * it closed while the lock is held, since closing any descriptor of a file drops every POSIX lock
   * the process holds on it, SQLite's among them.
   */
  static PageFile shared(Path path, FileChannel channel) throws SQLiteException {
    try {
      return over(path, channel, true);
    } catch (IOException e) {
      throw ioError(path, e);
    }
  }

  private static SQLiteException ioError(Path path, IOException e) {
    return new SQLiteException(
        "[SQLITE_IOERR] reading " + path + " failed (" + e.getMessage() + ")",
        SQLiteErrorCode.SQLITE_IOERR);
  }

  private static PageFile over(Path path, FileChannel ch, boolean borrowed)
      throws IOException, SQLiteException {
    ByteBuffer head = ByteBuffer.allocate(100);
    while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
      // read until the header is complete or the file ends
    }
    if (head.hasRemaining()) {
      throw corrupt(path, "the file is shorter than its 100-byte header");
    }
    int raw = head.getShort(16) & 0xffff;
    int pageSize = raw == 1 ? 65536 : raw;
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
      throw corrupt(path, "page size " + raw + " in the header");
    }
    int usable = pageSize - (head.get(20) & 0xff);
    long pages = ch.size() / pageSize;
    return new PageFile(path, ch, pageSize, usable, pages, borrowed);
  }

  public int pageSize() {
    return pageSize;
  }

  /** The page size less the bytes reserved at the end of each page (for checksums, ...). */
  public int usable() {
    return usable;
  }

  /**
   * Reads page {@code pgno} (1-based) into {@code into}, which holds at least a page. Pages are
   * read from the file {@link #AHEAD} bytes at a time: a table's leaves mostly follow each other in
   * the file, and one read for many pages saves a system call for each.
   */
  void read(long pgno, byte[] into) throws SQLiteException {
    if (pgno < 1 || pgno > pages) {
      throw corrupt(path, "a reference to page " + pgno + " of " + pages);
    }
    if (pgno < aheadFirst || pgno >= aheadFirst + aheadCount) {
      fill(pgno);
    }
    System.arraycopy(ahead, (int) (pgno - aheadFirst) * pageSize, into, 0, pageSize);
  }

  /** Bytes read at once (at least one page). */
  static final int AHEAD = 128 * 1024;

  private byte[] ahead;
  private long aheadFirst;
  private int aheadCount;

  private void fill(long pgno) throws SQLiteException {
    int count = (int) Math.min(Math.max(1, AHEAD / pageSize), pages - pgno + 1);
    if (ahead == null) {
      ahead = new byte[Math.max(1, AHEAD / pageSize) * pageSize];
    }
    ByteBuffer b = ByteBuffer.wrap(ahead, 0, count * pageSize);
    long pos = (pgno - 1) * pageSize;
    try {
      while (b.hasRemaining()) {
        int n = channel.read(b, pos + b.position());
        if (n < 0) {
          throw corrupt(path, "page " + (pgno + b.position() / pageSize) + " ends early");
        }
      }
    } catch (IOException e) {
      aheadCount = 0;
      throw new SQLiteException(
          "[SQLITE_IOERR] reading page "
              + pgno
              + " of "
              + path
              + " failed ("
              + e.getMessage()
              + ")",
          SQLiteErrorCode.SQLITE_IOERR);
    }
    aheadFirst = pgno;
    aheadCount = count;
  }

  /** The error SQLite itself gives for a damaged file, so the same one-line advice follows. */
  static SQLiteException corrupt(Path path, String what) {
    return new SQLiteException(
        "[SQLITE_CORRUPT] The database disk image is malformed"
            + " (database disk image is malformed: "
            + what
            + " in "
            + path.getFileName()
            + ")",
        SQLiteErrorCode.SQLITE_CORRUPT);
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    if (borrowed) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // read-only: nothing to lose
    }
  }
}
