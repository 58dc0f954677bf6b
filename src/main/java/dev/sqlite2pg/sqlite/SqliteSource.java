package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.sql.SqlResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite file being migrated. Every connection is opened read-only: the tool never changes the
 * user's database.
 */
public final class SqliteSource {

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path path;

  /** The file the user named: {@link #path} itself, or the file a snapshot was taken of. */
  private final Path origin;

  private final boolean immutable;
  private final boolean wal;
  private final boolean stable;

  /** The file's one descriptor for page reads while it is read in place ({@link #inPlace}). */
  private final java.nio.channels.FileChannel pinned;

  private volatile Set<String> collations;

  private SqliteSource(
      Path path,
      Path origin,
      boolean immutable,
      boolean wal,
      boolean stable,
      java.nio.channels.FileChannel pinned) {
    this.path = path;
    this.origin = origin;
    this.immutable = immutable;
    this.wal = wal;
    this.stable = stable;
    this.pinned = pinned;
  }

  /** Checks that the file exists and is a SQLite database, with a message that says what to do. */
  public static SqliteSource open(Path path) {
    return open(path, null, false);
  }

  /**
   * @param origin the file a snapshot was taken of; null when {@code path} is the user's file
   * @param snapshot the file is a snapshot this tool took, which nobody else knows of
   */
  private static SqliteSource open(Path path, Path origin, boolean snapshot) {
    if (!Files.exists(path)) {
      throw new MigrationException(
          Code.SOURCE,
          "SQLite file "
              + path
              + " does not exist: check the path (relative paths start at "
              + Path.of("").toAbsolutePath()
              + ")");
    }
    if (Files.isDirectory(path)) {
      throw new MigrationException(
          Code.SOURCE,
          path
              + " is a directory, not a SQLite file:"
              + " name the database file itself (e.g. "
              + path.resolve("app.db")
              + ")");
    }
    if (!Files.isReadable(path)) {
      throw new MigrationException(
          Code.SOURCE,
          "SQLite file " + path + " is not readable by this user: check its permissions");
    }
    boolean wal = checkHeader(path);
    Path abs = path.toAbsolutePath().normalize();
    // A WAL database opened even read-only gets -wal and -shm files created beside it when the
    // directory is writable (always, for root). With no -wal file present, no process has the
    // database open and every row is in the main file: open it immutable, creating nothing.
    // A snapshot is a complete file nobody else knows of: immutable too, so SQLite takes no file
    // lock and looks for no hot journal per statement (a fleet's 200 rollback-journal files made
    // 44,000 fcntl and 30,000 stat calls, most of them that).
    boolean immutable = snapshot || wal && !Files.exists(Path.of(abs + "-wal"));
    SqliteSource source =
        new SqliteSource(
            abs, origin == null ? abs : origin, immutable, wal, snapshot || immutable, null);
    try (Connection c = source.connect();
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
    } catch (SQLException e) {
      throw SqliteErrors.translate(origin == null ? path : origin, e);
    }
    return source;
  }

  /** Checks the magic string; returns whether the header says WAL mode (bytes 18 and 19 = 2). */
  private static boolean checkHeader(Path path) {
    byte[] head = new byte[20];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, 20);
    } catch (IOException e) {
      throw new MigrationException(
          Code.SOURCE,
          "cannot read " + path + " (" + e.getMessage() + "): check that this user may read it",
          e);
    }
    if (n == 0) {
      // SQLite treats an empty file as an empty database.
      return false;
    }
    if (n < 20 || !java.util.Arrays.equals(head, 0, 16, MAGIC, 0, 16)) {
      throw new MigrationException(
          Code.SOURCE,
          path
              + " is not a SQLite database (no 'SQLite format 3' header): if it is encrypted"
              + " (SQLCipher, SEE), decrypt it first with the application's key; otherwise check"
              + " that this is the right file");
    }
    return head[18] == 2 && head[19] == 2;
  }

  /**
   * How long a reader waits for a writer's lock before giving up. An application commits in
   * milliseconds; ten seconds tells a writer that is done from one that holds the file. The system
   * property lets tests wait less.
   */
  static int busyTimeoutMillis() {
    return Integer.getInteger("sqlite2pg.sqlite.busy-timeout-ms", 10_000);
  }

  /**
   * The file the user named, even when this is a snapshot of it: what error messages name (the
   * advice, e.g. {@code sqlite3 FILE .recover}, is for the user's file).
   */
  public Path origin() {
    return origin;
  }

  public Path path() {
    return path;
  }

  /**
   * Whether nobody can be changing the file while it is read, so that its pages may be read
   * directly ({@link TableReader}): a snapshot taken by this tool, or a WAL database with no -wal
   * file (opened immutable, as SQLite itself then reads it).
   */
  public boolean stable() {
    return stable;
  }

  /** The file's pages, for a scan that closes them after. */
  PageFile pages() throws org.sqlite.SQLiteException {
    return pinned == null ? PageFile.open(path) : PageFile.shared(path, pinned);
  }

  /**
   * A new read-only connection, with a stand-in for each collation the schema names and only its
   * application defines ({@link StandInCollations}). Callers close it.
   */
  public Connection connect() throws SQLException {
    Connection c = open();
    try {
      Set<String> names = collations;
      if (names == null) {
        names = StandInCollations.named(c);
        collations = names;
      }
      StandInCollations.register(c, names);
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The application-defined collations the schema names (lower case), read at first connect. */
  public Set<String> standInCollations() throws SQLException {
    if (collations == null) {
      connect().close();
    }
    return collations;
  }

  private Connection open() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    // Application tables can hold rows far larger than the defaults expect; no limit applies here.
    config.setBusyTimeout(busyTimeoutMillis());
    if (immutable) {
      return config.createConnection(
          "jdbc:sqlite:" + path.toUri().toString().replace("file:///", "file:/") + "?immutable=1");
    }
    return config.createConnection("jdbc:sqlite:" + path);
  }

  /** Runs a query from the resources folder and hands each row to {@code consumer}. */
  public static void query(Connection c, String resource, RowConsumer consumer)
      throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SqlResources.load(resource))) {
      while (rs.next()) {
        consumer.accept(rs);
      }
    }
  }

  /** One row of a catalog query. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  /**
   * Whether reading this database table by table could see different moments, or hold up an
   * application's writers: a WAL database with its -wal file (someone has it open), or any
   * rollback-journal database (a writer cannot commit while a long read holds its lock, and its
   * -journal file only exists during its transactions, so it cannot be seen from here).
   */
  public boolean needsSnapshot() {
    return !wal || Files.exists(Path.of(path + "-wal"));
  }

  /**
   * A consistent copy of the whole database, taken with SQLite's online backup in a single step
   * (one read transaction, pages copied as they are: no collation or extension is needed): in WAL
   * mode the application's writers go on meanwhile; in rollback mode they wait (as for any reader)
   * only while the pages are copied. The copy is migrated and verified instead of the file, so
   * every table comes from the same moment.
   */
  public Snapshot snapshot() {
    StaleSnapshots.sweep(Path.of(System.getProperty("java.io.tmpdir")));
    Path file;
    try {
      file = Files.createTempFile(StaleSnapshots.prefix(), ".db");
      Files.delete(file);
    } catch (IOException e) {
      throw new MigrationException(
          Code.SOURCE,
          "Cannot create a snapshot file in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage()
              + "; set TMPDIR (java.io.tmpdir) to a disk with room for a copy of "
              + path,
          e);
    }
    java.time.Instant at =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    try (Connection c = connect()) {
      if (wal) {
        backup(c, file);
      } else {
        copyUnderReadLock(c, file);
      }
    } catch (SQLException | IOException e) {
      deleteQuietly(file);
      throw new MigrationException(
          Code.SOURCE,
          "Taking a snapshot of live database "
              + path
              + " failed: "
              + e.getMessage()
              + "; check the free space in "
              + file.getParent()
              + ", or pass --snapshot=never",
          e);
    }
    return new Snapshot(open(file, path, true), path, at, false, () -> deleteQuietly(file));
  }

  /** SQLite's online backup, all pages in one step (-1): one moment of the database. */
  private static void backup(Connection c, Path file) throws SQLException {
    int rc =
        ((org.sqlite.SQLiteConnection) c)
            .getDatabase()
            .backup("main", file.toString(), null, 100, 100, -1);
    if (rc != 0) {
      throw new SQLException("SQLite backup returned result code " + rc);
    }
  }

  /**
   * In rollback-journal mode a reader's SHARED lock keeps every writer from changing the main file,
   * which then holds exactly the committed database: copied byte for byte (in the kernel, by
   * copy_file_range) it is the same snapshot the backup API makes, in about a third of the time,
   * and writers wait for that time only.
   */
  private void copyUnderReadLock(Connection c, Path file) throws SQLException, IOException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // The first read takes the SHARED lock; it is held until the transaction ends.
      s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
      try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(path);
          java.nio.channels.FileChannel out =
              java.nio.channels.FileChannel.open(
                  file,
                  java.nio.file.StandardOpenOption.CREATE_NEW,
                  java.nio.file.StandardOpenOption.WRITE)) {
        long size = in.size();
        for (long pos = 0; pos < size; ) {
          pos += in.transferTo(pos, size - pos, out);
        }
      }
    } finally {
      c.rollback();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file is not worth failing for.
    }
  }

  /**
   * A rollback-journal database no other process has open, held as it is for as long as the run
   * reads it, instead of copied first ({@link #snapshot}): SQLite's shared lock, taken by a read
   * transaction kept open, keeps every writer from changing the file, and the pages are read where
   * they are. A copy read the whole file and wrote it once more before any row moved (860 MB: 0.3
   * to 0.8 s with the file in the page cache, and the whole file from disk twice when it was not).
   * The price: a process that opens the file meanwhile and writes waits for the lock, or gets
   * "database is locked" after its busy timeout, until the run ends; {@code --snapshot=always}
   * copies instead. Empty when another process that could write the file has it open, when that
   * cannot be told (see {@link OtherOpeners}), or when a -journal file says a write is under way.
   */
  public Optional<Snapshot> inPlace() {
    if (wal || Files.exists(Path.of(path + "-journal")) || small()) {
      return Optional.empty();
    }
    java.time.Instant at =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Connection lock = null;
    java.nio.channels.FileChannel channel = null;
    try {
      lock = open();
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        // The first read takes the SHARED lock; it is held until the transaction ends.
        s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
      }
      // Looked at with the lock held: a process that opens the file from now on can read it,
      // and cannot write it until the run ends.
      if (OtherOpeners.exist(path, 1)) { // 1: the lock's own connection
        release(lock, null);
        return Optional.empty();
      }
      channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ);
      // Its readers open the file immutable, as a snapshot's: the lock keeps it so, and SQLite
      // then takes no lock and looks for no hot journal per statement. Their descriptors are
      // not closed while the lock is held: SQLite keeps them until its last lock on the file
      // goes, which InPlaceReadTest sees (no write gets in after tables' connections closed).
      SqliteSource held = new SqliteSource(path, origin, true, false, true, channel);
      Connection l = lock;
      java.nio.channels.FileChannel ch = channel;
      return Optional.of(new Snapshot(held, path, at, true, () -> release(l, ch)));
    } catch (SQLException | IOException e) {
      release(lock, channel);
      return Optional.empty();
    }
  }

  /**
   * Below this size a copy costs about as little as finding out who has the file open (a scan of
   * every process's descriptors, a few milliseconds): a fleet's 1,000 files of 2,000 rows took 3.89
   * times one file of the same rows with the scan per file, against 2.88 times with their snapshots
   * (medians of 3).
   */
  static final long IN_PLACE_MIN_BYTES = 16L << 20;

  private boolean small() {
    try {
      return Files.size(path) < Long.getLong("sqlite2pg.in-place-min-bytes", IN_PLACE_MIN_BYTES);
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Ends the read transaction, then closes the pinned descriptor: closing it first would drop the
   * lock before SQLite knows.
   */
  private static void release(Connection lock, java.nio.channels.FileChannel channel) {
    if (lock != null) {
      try {
        lock.rollback();
        lock.close();
      } catch (SQLException ignored) {
        // Closing the connection ends its transaction and its lock anyway.
      }
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // read-only
      }
    }
  }

  /**
   * One moment of the database, read from {@link #source}: a copy of {@code original} taken at
   * {@code at}, deleted by close(); or, {@code inPlace} ({@link #inPlace()}), the file itself held
   * unchanged from {@code at} until close(), never to be deleted.
   *
   * @param release what close() does: delete the copy, or end the lock
   */
  public record Snapshot(
      SqliteSource source, Path original, java.time.Instant at, boolean inPlace, Runnable release)
      implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }
}
