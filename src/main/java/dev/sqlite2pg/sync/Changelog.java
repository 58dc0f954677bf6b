package dev.sqlite2pg.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and prunes the changelog (design 3.4 steps 2 and 4). */
public final class Changelog {

  /**
   * Changes pruned per transaction: after a catch-up of a million changes, pruning them in one
   * DELETE would hold the application's write lock for seconds (design 3.4 step 4).
   */
  private static final long PRUNE_CHUNK = 10_000;

  private Changelog() {}

  /** The changes after {@code applied}, in id order, at most {@code limit}. */
  public static List<Change> after(Connection c, long applied, int limit) throws SQLException {
    int width = width(c);
    List<Change> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, tbl, op, "
                + CaptureSql.keyColumns(width)
                + ", ts FROM sqlite2pg_changes WHERE id > ? ORDER BY id LIMIT ?")) {
      ps.setLong(1, applied);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> key = new ArrayList<>();
          for (int i = 0; i < width; i++) {
            key.add(rs.getObject(4 + i));
          }
          out.add(
              new Change(rs.getLong(1), rs.getInt(2), rs.getInt(3), key, rs.getLong(4 + width)));
        }
      }
    }
    return out;
  }

  /** How many key columns the changelog has (the widest key of a captured table). */
  static int width(Connection c) throws SQLException {
    int n = 0;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT name FROM pragma_table_info('sqlite2pg_changes')");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        n += rs.getString(1).matches("k[0-9]+") ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Deletes the changes up to {@code applied}, never the highest row: without AUTOINCREMENT the
   * next id is max(id) + 1, so an emptied changelog would give new changes ids the consumer has
   * passed (M9). The row images of those changes go with them (image mode, 4.4 #10); apply never
   * reads either again.
   */
  public static int prune(Connection c, long applied) throws SQLException {
    long low;
    try (PreparedStatement ps = c.prepareStatement("SELECT min(id) FROM sqlite2pg_changes");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      low = rs.getLong(1);
      if (rs.wasNull()) {
        return 0;
      }
    }
    int pruned = 0;
    for (long upTo = Math.min(applied, low + PRUNE_CHUNK); ; upTo += PRUNE_CHUNK) {
      pruned += pruneUpTo(c, Math.min(upTo, applied));
      if (upTo >= applied) {
        return pruned;
      }
    }
  }

  /** One short autocommit transaction per table: the application's writers wait only for it. */
  private static int pruneUpTo(Connection c, long upTo) throws SQLException {
    String until = " WHERE {id} <= ? AND {id} < (SELECT max(id) FROM sqlite2pg_changes)";
    for (String image : imageTables(c)) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + image + until.replace("{id}", "change_id"))) {
        ps.setLong(1, upTo);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM sqlite2pg_changes" + until.replace("{id}", "id"))) {
      ps.setLong(1, upTo);
      return ps.executeUpdate();
    }
  }

  /** The highest change id the changelog holds now (0 when empty). */
  static long highest(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT coalesce(max(id), 0) FROM sqlite2pg_changes");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Deletes the changes after {@code after}, with their row images, in the caller's write
   * transaction: the ones capture recorded for the rows rollback itself wrote, which PostgreSQL has
   * already (applied forward again, a row image would be there twice). Nobody saw them: the
   * transaction that made them deletes them.
   */
  static void forget(Connection c, long after) throws SQLException {
    for (String image : imageTables(c)) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + image + " WHERE change_id > ?")) {
        ps.setLong(1, after);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM sqlite2pg_changes WHERE id > ?")) {
      ps.setLong(1, after);
      ps.executeUpdate();
    }
  }

  /** The image tables capture created (their names are sqlite2pg's, never an application's). */
  private static List<String> imageTables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT n FROM sqlite2pg_tables WHERE mode = 'image' ORDER BY n");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(Capture.PREFIX + "img_" + rs.getInt(1));
      }
    }
    return out;
  }
}
