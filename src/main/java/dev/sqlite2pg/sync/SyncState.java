package dev.sqlite2pg.sync;

import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Sync's progress in the target ({@code sqlite2pg.sync_state}, one row per target schema): the
 * highest changelog id applied, written in the transaction of the rows it brought.
 */
public final class SyncState {

  private final String schema;

  public SyncState(String schema) {
    this.schema = schema;
  }

  /** Creates the table if needed and returns the id applied so far, if sync started here. */
  public Optional<Long> applied(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute(SqlResources.load("pg-sync-state"));
    }
    try (PreparedStatement ps =
        pg.prepareStatement("SELECT applied FROM sqlite2pg.sync_state WHERE target_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Where applying starts, unless a run recorded progress already. */
  public void start(Connection pg, long boundary) throws SQLException {
    if (applied(pg).isEmpty()) {
      record(pg, boundary, null);
    }
  }

  /**
   * The id applied, and the writer's clock of its change (for lag), in the caller's transaction.
   */
  void record(Connection pg, long id, Long ts) throws SQLException {
    try (PreparedStatement ps =
        pg.prepareStatement(
            "INSERT INTO sqlite2pg.sync_state (target_schema, applied, source_ts)"
                + " VALUES (?, ?, ?) ON CONFLICT (target_schema) DO UPDATE SET applied ="
                + " excluded.applied, applied_at = now(), source_ts = excluded.source_ts")) {
      ps.setString(1, schema);
      ps.setLong(2, id);
      ps.setObject(3, ts, java.sql.Types.BIGINT);
      ps.executeUpdate();
    }
  }

  /** sync stop: the progress goes with the capture. */
  public void clear(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('sqlite2pg.sync_state') IS NULL")) {
      rs.next();
      if (rs.getBoolean(1)) {
        return; // sync never recorded progress here: nothing to create only to delete
      }
    }
    try (PreparedStatement ps =
        pg.prepareStatement("DELETE FROM sqlite2pg.sync_state WHERE target_schema = ?")) {
      ps.setString(1, schema);
      ps.executeUpdate();
    }
  }
}
