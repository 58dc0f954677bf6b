package dev.sqlite2pg.run;

import dev.sqlite2pg.pg.ddl.Sequences;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SQLite's AUTOINCREMENT high-water marks ({@code sqlite_sequence}) as cut-over reads them under
 * the write lock: the plan's are as old as the copy, and an id SQLite gave out and the row then
 * deleted must never be given out again by PostgreSQL.
 */
final class SqliteSequences {

  private SqliteSequences() {}

  static Sequences.SourceKeys read(Connection sqlite) throws SQLException {
    Map<String, Long> seq = new HashMap<>();
    try (Statement s = sqlite.createStatement();
        ResultSet t =
            s.executeQuery("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'")) {
      if (!t.next()) {
        return Sequences.SourceKeys.NONE;
      }
    }
    try (Statement s = sqlite.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
      while (rs.next()) {
        seq.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
      }
    }
    return (t, col) -> seq.getOrDefault(t.source().name().toLowerCase(Locale.ROOT), 0L);
  }
}
