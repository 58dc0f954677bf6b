package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
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
 * The one place a SQLite failure becomes the library's error: a line naming what is wrong with the
 * file and what to do, with exit code 4 ({@link Code#SOURCE}), whichever step was reading.
 */
public final class SqliteErrors {

  private SqliteErrors() {}

  /**
   * A SQLite failure as the library's exception: {@link #explain(Path, SQLException)}, with the
   * driver's exception kept as the cause (shown with -v).
   */
  public static MigrationException translate(Path path, SQLException e) {
    return new MigrationException(Code.SOURCE, explain(path, e), e);
  }

  /**
   * One line naming what is wrong with the SQLite file at {@code path} and what to do, from
   * SQLite's result code. Reading goes through SQLite, so damage may show at any step, not only on
   * opening: a corrupt page of a table surfaces when that table's rows are read.
   */
  public static String explain(Path path, SQLException e) {
    String said = sqliteSaid(e);
    SQLiteErrorCode code = e instanceof SQLiteException se ? se.getResultCode() : null;
    int primary = code == null ? e.getErrorCode() & 0xff : code.code & 0xff;
    if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return path
          + " is not a readable SQLite database ("
          + said
          + "): if it is encrypted"
          + " (SQLCipher, SEE), decrypt it first with the application's key; if it is damaged,"
          + " try `sqlite3 "
          + path
          + " .recover`";
    }
    if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return path
          + " is corrupt ("
          + said
          + "): recover what is readable with `sqlite3 "
          + path
          + " .recover | sqlite3 recovered.db` and migrate recovered.db";
    }
    if (primary == SQLiteErrorCode.SQLITE_BUSY.code
        || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
      return path
          + " is locked by another process ("
          + said
          + ", waited "
          + SqliteSource.busyTimeoutMillis()
          + " ms): retry when the writer is done, or migrate a copy made with `sqlite3 "
          + path
          + " \".backup copy.db\"`";
    }
    if (said.contains("no such collation sequence")) {
      String collation = said.substring(said.lastIndexOf(':') + 1).trim();
      List<String> users = collationUsers(path, collation);
      String tables =
          users.stream()
              .map(u -> u.substring(0, u.indexOf('.')))
              .distinct()
              .collect(Collectors.joining(","));
      return (users.isEmpty() ? "a column of " + path : String.join(", ", users))
          + " uses collation "
          + collation
          + ", which only the application that wrote "
          + path
          + " defines, so SQLite cannot compare its values ("
          + said
          + "): leave the table out"
          + " with --exclude "
          + (users.isEmpty() ? "TABLE" : tables)
          + ", or migrate it from a"
          + " copy whose schema drops the COLLATE clause";
    }
    if (primary == SQLiteErrorCode.SQLITE_IOERR.code) {
      return "reading "
          + path
          + " failed ("
          + said
          + "): check the disk and the file system,"
          + " then retry";
    }
    if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
      return "cannot open "
          + path
          + " ("
          + said
          + "): check that it exists and that this user"
          + " may read it and its directory";
    }
    return "reading "
        + path
        + " failed ("
        + said
        + "): check that SQLite itself can read it,"
        + " e.g. `sqlite3 "
        + path
        + " \"PRAGMA quick_check\"`";
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
        ResultSet rs =
            s.executeQuery(
                "SELECT name, sql FROM sqlite_schema"
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
}
