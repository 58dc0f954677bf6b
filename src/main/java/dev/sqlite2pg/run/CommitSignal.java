package dev.sqlite2pg.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Tells the follow loop that another connection may have committed, without getting in the
 * application's way. In WAL mode that is {@code PRAGMA data_version} (M15): readers never block a
 * writer there. In rollback-journal mode the pragma takes SQLite's shared lock, and a writer's
 * commit that meets it waits, or fails at once without a busy timeout (the sqlite3 shell's
 * default): there the file's modification time and size are read instead, which takes no lock and
 * opens no file (closing a second descriptor of the file would drop the POSIX locks this process's
 * SQLite connections hold). Commits within one timestamp tick can look alike; the loop's one-second
 * wake-up bounds what such a miss costs.
 */
final class CommitSignal {

  private final Connection sqlite;
  private final Path file;
  private final boolean wal;

  CommitSignal(Connection sqlite, Path file) throws SQLException {
    this.sqlite = sqlite;
    this.file = file;
    this.wal = journalMode(sqlite).equals("wal");
  }

  /** A value that differs from an earlier one when a commit may have happened in between. */
  long read() throws SQLException {
    return wal ? dataVersion() : stat();
  }

  private long dataVersion() throws SQLException {
    try (Statement s = sqlite.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA data_version")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long stat() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return java.util.Objects.hash(a.lastModifiedTime(), a.size());
    } catch (IOException e) {
      return System.nanoTime(); // unreadable for now: look at the changelog, as if committed
    }
  }

  static String journalMode(Connection sqlite) throws SQLException {
    try (Statement s = sqlite.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      return rs.getString(1).toLowerCase(Locale.ROOT);
    }
  }
}
