package dev.sqlite2pg.source;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite file being migrated. Every connection is opened read-only: the tool never changes
 * the user's database.
 */
public final class SqliteSource {

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final boolean immutable;
  private final boolean wal;
  private final boolean stable;

  private SqliteSource(Path path, boolean immutable, boolean wal, boolean stable) {
    this.path = path;
    this.immutable = immutable;
    this.wal = wal;
    this.stable = stable;
  }

  /** Checks that the file exists and is a SQLite database, with a message that says what to do. */
  public static SqliteSource open(Path path) {
    return open(path, false);
  }

  /**
   * @param snapshot the file is a snapshot this tool took, which nobody else knows of
   */
  private static SqliteSource open(Path path, boolean snapshot) {
    if (!Files.exists(path)) {
      throw new MigrationException(Code.SOURCE,
          "SQLite file " + path + " does not exist: check the path (relative paths start at "
              + Path.of("").toAbsolutePath() + ")");
    }
    if (Files.isDirectory(path)) {
      throw new MigrationException(Code.SOURCE, path + " is a directory, not a SQLite file:"
          + " name the database file itself (e.g. " + path.resolve("app.db") + ")");
    }
    if (!Files.isReadable(path)) {
      throw new MigrationException(Code.SOURCE,
          "SQLite file " + path + " is not readable by this user: check its permissions");
    }
    boolean wal = checkHeader(path);
    Path abs = path.toAbsolutePath().normalize();
    // A WAL database opened even read-only gets -wal and -shm files created beside it when the
    // directory is writable (always, for root). With no -wal file present, no process has the
    // database open and every row is in the main file: open it immutable, creating nothing.
    boolean immutable = wal && !Files.exists(Path.of(abs + "-wal"));
    SqliteSource source = new SqliteSource(abs, immutable, wal, snapshot || immutable);
    try (Connection c = source.connect(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
    } catch (SQLException e) {
      throw translate(path, e);
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
      throw new MigrationException(Code.SOURCE, "cannot read " + path + " (" + e.getMessage()
          + "): check that this user may read it", e);
    }
    if (n == 0) {
      // SQLite treats an empty file as an empty database.
      return false;
    }
    if (n < 20 || !java.util.Arrays.equals(head, 0, 16, MAGIC, 0, 16)) {
      throw new MigrationException(Code.SOURCE,
          path + " is not a SQLite database (no 'SQLite format 3' header): if it is encrypted"
              + " (SQLCipher, SEE), decrypt it first with the application's key; otherwise check"
              + " that this is the right file");
    }
    return head[18] == 2 && head[19] == 2;
  }

  /**
   * A SQLite failure as the library's exception: {@link #explain(Path, SQLException)}, with the
   * driver's exception kept as the cause (shown with -v).
   */
  public static MigrationException translate(Path path, SQLException e) {
    return new MigrationException(Code.SOURCE, explain(path, e), e);
  }

  /**
   * One line naming what is wrong with the SQLite file at {@code path} and what to do, from
   * SQLite's result code. Reading goes through SQLite, so damage may show at any step, not only
   * on opening: a corrupt page of a table surfaces when that table's rows are read.
   */
  public static String explain(Path path, SQLException e) {
    String said = sqliteSaid(e);
    SQLiteErrorCode code = e instanceof SQLiteException se ? se.getResultCode() : null;
    int primary = code == null ? e.getErrorCode() & 0xff : code.code & 0xff;
    if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return path + " is not a readable SQLite database (" + said + "): if it is encrypted"
          + " (SQLCipher, SEE), decrypt it first with the application's key; if it is damaged,"
          + " try `sqlite3 " + path + " .recover`";
    }
    if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return path + " is corrupt (" + said + "): recover what is readable with `sqlite3 " + path
          + " .recover | sqlite3 recovered.db` and migrate recovered.db";
    }
    if (primary == SQLiteErrorCode.SQLITE_BUSY.code
        || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
      return path + " is locked by another process (" + said + ", waited " + busyTimeoutMillis()
          + " ms): retry when the writer is done, or migrate a copy made with `sqlite3 " + path
          + " \".backup copy.db\"`";
    }
    if (said.contains("no such collation sequence")) {
      String collation = said.substring(said.lastIndexOf(':') + 1).trim();
      List<String> users = collationUsers(path, collation);
      String tables = users.stream().map(u -> u.substring(0, u.indexOf('.')))
          .distinct().collect(Collectors.joining(","));
      return (users.isEmpty() ? "a column of " + path : String.join(", ", users))
          + " uses collation " + collation + ", which only the application that wrote " + path
          + " defines, so SQLite cannot compare its values (" + said + "): leave the table out"
          + " with --exclude " + (users.isEmpty() ? "TABLE" : tables) + ", or migrate it from a"
          + " copy whose schema drops the COLLATE clause";
    }
    if (primary == SQLiteErrorCode.SQLITE_IOERR.code) {
      return "reading " + path + " failed (" + said + "): check the disk and the file system,"
          + " then retry";
    }
    if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
      return "cannot open " + path + " (" + said + "): check that it exists and that this user"
          + " may read it and its directory";
    }
    return "reading " + path + " failed (" + said + "): check that SQLite itself can read it,"
        + " e.g. `sqlite3 " + path + " \"PRAGMA quick_check\"`";
  }

  /** SQLite's own short message: sqlite-jdbc puts it last, in parentheses, after the code. */
  private static String sqliteSaid(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    if (m.startsWith("[SQLITE_") && m.endsWith(")") && m.lastIndexOf(" (") > 0) {
      return m.substring(m.lastIndexOf(" (") + 2, m.length() - 1);
    }
    return m.isEmpty() ? e.getClass().getSimpleName() : m;
  }

  /** "table.column" for every column declared with {@code collation}; best effort. */
  private static List<String> collationUsers(Path path, String collation) {
    List<String> users = new ArrayList<>();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    try (Connection c = config.createConnection("jdbc:sqlite:" + path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_schema"
            + " WHERE type = 'table' AND sql IS NOT NULL ORDER BY name")) {
      while (rs.next()) {
        String table = rs.getString(1);
        try {
          CreateTableParser.parse(rs.getString(2)).columns().stream()
              .filter(col -> col.collation().map(collation::equalsIgnoreCase).orElse(false))
              .forEach(col -> users.add(table + "." + col.name()));
        } catch (IllegalArgumentException unparsed) {
          // Not a table this parser reads (virtual tables); the catalog step reports those.
        }
      }
    } catch (SQLException | RuntimeException e) {
      // Naming the columns is a courtesy; the collation's name alone still says what to do.
    }
    return users;
  }

  /**
   * How long a reader waits for a writer's lock before giving up. An application commits in
   * milliseconds; ten seconds tells a writer that is done from one that holds the file. The
   * system property lets tests wait less.
   */
  static int busyTimeoutMillis() {
    return Integer.getInteger("sqlite2pg.sqlite.busy-timeout-ms", 10_000);
  }

  public Path path() {
    return path;
  }

  /**
   * Whether nobody can be changing the file while it is read, so that its pages may be read
   * directly ({@link TableReader}): a snapshot taken by this tool, or a WAL database with no
   * -wal file (opened immutable, as SQLite itself then reads it).
   */
  public boolean stable() {
    return stable;
  }

  /** A new read-only connection. Callers close it. */
  public Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    // Application tables can hold rows far larger than the defaults expect; no limit applies here.
    config.setBusyTimeout(busyTimeoutMillis());
    if (immutable) {
      return config.createConnection("jdbc:sqlite:" + path.toUri().toString().replace("file:///", "file:/")
          + "?immutable=1");
    }
    return config.createConnection("jdbc:sqlite:" + path);
  }

  /** Runs a query from the resources folder and hands each row to {@code consumer}. */
  public static void query(Connection c, String resource, RowConsumer consumer) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SqlResources.load(resource))) {
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
   * rollback-journal database (a writer cannot commit while a long read holds its lock, and
   * its -journal file only exists during its transactions, so it cannot be seen from here).
   */
  public boolean needsSnapshot() {
    return !wal || Files.exists(Path.of(path + "-wal"));
  }

  /**
   * A consistent copy of the whole database, taken with SQLite's online backup in a single step
   * (one read transaction, pages copied as they are: no collation or extension is needed): in
   * WAL mode the application's writers go on meanwhile; in rollback mode they wait (as for any
   * reader) only while the pages are copied. The copy is migrated and verified instead of the
   * file, so every table comes from the same moment.
   */
  public Snapshot snapshot() {
    Path file;
    try {
      file = Files.createTempFile("sqlite2pg-snapshot-", ".db");
      Files.delete(file);
    } catch (IOException e) {
      throw new MigrationException(Code.SOURCE, "Cannot create a snapshot file in "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage()
          + "; set TMPDIR (java.io.tmpdir) to a disk with room for a copy of " + path, e);
    }
    java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    try (Connection c = connect()) {
      if (wal) {
        backup(c, file);
      } else {
        copyUnderReadLock(c, file);
      }
    } catch (SQLException | IOException e) {
      deleteQuietly(file);
      throw new MigrationException(Code.SOURCE, "Taking a snapshot of live database " + path
          + " failed: " + e.getMessage() + "; check the free space in "
          + file.getParent() + ", or pass --snapshot=never", e);
    }
    return new Snapshot(open(file, true), path, at);
  }

  /** SQLite's online backup, all pages in one step (-1): one moment of the database. */
  private static void backup(Connection c, Path file) throws SQLException {
    int rc = ((org.sqlite.SQLiteConnection) c).getDatabase()
        .backup("main", file.toString(), null, 100, 100, -1);
    if (rc != 0) {
      throw new SQLException("SQLite backup returned result code " + rc);
    }
  }

  /**
   * In rollback-journal mode a reader's SHARED lock keeps every writer from changing the main
   * file, which then holds exactly the committed database: copied byte for byte (in the
   * kernel, by copy_file_range) it is the same snapshot the backup API makes, in about a
   * third of the time, and writers wait for that time only.
   */
  private void copyUnderReadLock(Connection c, Path file) throws SQLException, IOException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // The first read takes the SHARED lock; it is held until the transaction ends.
      s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
      try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(path);
          java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(file,
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

  /** A consistent copy of {@code original} taken at {@code at}; delete it with close(). */
  public record Snapshot(SqliteSource source, Path original, java.time.Instant at)
      implements AutoCloseable {
    @Override
    public void close() {
      deleteQuietly(source.path());
    }
  }
}
