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
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite file being migrated. Every connection is opened read-only: the tool never changes
 * the user's database.
 */
public final class SqliteSource {

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final boolean immutable;

  private SqliteSource(Path path, boolean immutable) {
    this.path = path;
    this.immutable = immutable;
  }

  /** Checks that the file exists and is a SQLite database, with a message that says what to do. */
  public static SqliteSource open(Path path) {
    if (!Files.exists(path)) {
      throw new MigrationException(Code.SOURCE,
          "SQLite file " + path + " does not exist: check the path (relative paths start at "
              + Path.of("").toAbsolutePath() + ")");
    }
    if (Files.isDirectory(path)) {
      throw new MigrationException(Code.SOURCE, path + " is a directory, not a SQLite file");
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
    SqliteSource source = new SqliteSource(abs, immutable);
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
      throw new MigrationException(Code.SOURCE, "Cannot read " + path + ": " + e.getMessage(), e);
    }
    if (n == 0) {
      // SQLite treats an empty file as an empty database.
      return false;
    }
    if (n < 20 || !java.util.Arrays.equals(head, 0, 16, MAGIC, 0, 16)) {
      throw new MigrationException(Code.SOURCE,
          path + " is not a SQLite database (no 'SQLite format 3' header); if it is encrypted"
              + " (SQLCipher, SEE), decrypt it first with the application's key");
    }
    return head[18] == 2 && head[19] == 2;
  }

  static MigrationException translate(Path path, SQLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("SQLITE_NOTADB") || m.contains("file is not a database")) {
      return new MigrationException(Code.SOURCE,
          path + " is not a readable SQLite database (encrypted or damaged): " + m, e);
    }
    if (m.contains("SQLITE_CORRUPT") || m.contains("malformed")) {
      return new MigrationException(Code.SOURCE,
          path + " is corrupt (" + m + "): recover it first with `sqlite3 " + path + " .recover`", e);
    }
    if (m.contains("SQLITE_BUSY") || m.contains("locked")) {
      return new MigrationException(Code.SOURCE,
          path + " is locked by another process: retry when its writer has finished", e);
    }
    return new MigrationException(Code.SOURCE, "Reading " + path + " failed: " + m, e);
  }

  public Path path() {
    return path;
  }

  /** A new read-only connection. Callers close it. */
  public Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    // Application tables can hold rows far larger than the defaults expect; no limit applies here.
    config.setBusyTimeout(10_000);
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
}
