package dev.sqlite2pg.sync;

import dev.sqlite2pg.SyncStatus;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.TargetWrites;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
      TargetWrites.update(
          pg,
          "INSERT INTO sqlite2pg.sync_state (target_schema, applied, boundary) VALUES (?, ?, ?)",
          schema,
          boundary,
          boundary);
    }
  }

  /**
   * The id applied, and the writer's clock of its change (for lag), in the caller's transaction;
   * applied_at is the clock at the end of the batch, not now(), the transaction's start, which
   * would leave the batch's own time out of the lag.
   */
  void record(Connection pg, long id, Long ts) throws SQLException {
    TargetWrites.update(
        pg,
        "INSERT INTO sqlite2pg.sync_state (target_schema, applied, source_ts)"
            + " VALUES (?, ?, ?::bigint) ON CONFLICT (target_schema) DO UPDATE SET applied ="
            + " excluded.applied, applied_at = clock_timestamp(), source_ts ="
            + " excluded.source_ts",
        schema,
        id,
        ts);
  }

  /** {@code sync verify}'s result: compared at change {@code position}, equal or not, now. */
  public void verified(Connection pg, long position, boolean equal) throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET verified_position = ?, verified_at = now(),"
            + " verified_equal = ? WHERE target_schema = ?",
        position,
        equal,
        schema);
  }

  /** Adds one batch's applied changes per source table, in the caller's transaction. */
  void counted(Connection pg, Map<String, Long> changes) throws SQLException {
    try (PreparedStatement ps =
        pg.prepareStatement(
            "INSERT INTO sqlite2pg.sync_tables (target_schema, source_table, applied_changes)"
                + " VALUES (?, ?, ?) ON CONFLICT (target_schema, source_table) DO UPDATE SET"
                + " applied_changes = sync_tables.applied_changes + excluded.applied_changes")) {
      for (Map.Entry<String, Long> e : changes.entrySet()) {
        ps.setString(1, schema);
        ps.setString(2, e.getKey());
        ps.setLong(3, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Stops applying {@code table}'s changes, saying why (design 3.5: a schema change apply cannot
   * follow). Its later changes are not applied; resuming re-syncs the whole table.
   */
  public void pause(Connection pg, String table, String why) throws SQLException {
    TargetWrites.update(
        pg,
        "INSERT INTO sqlite2pg.sync_tables (target_schema, source_table, paused)"
            + " VALUES (?, ?, ?) ON CONFLICT (target_schema, source_table) DO UPDATE SET"
            + " paused = excluded.paused",
        schema,
        table,
        why);
  }

  /** {@code table} follows again, re-synced as of now (in the re-sync's transaction). */
  public void resynced(Connection pg, String table) throws SQLException {
    TargetWrites.update(
        pg,
        "INSERT INTO sqlite2pg.sync_tables (target_schema, source_table, resynced_at)"
            + " VALUES (?, ?, now()) ON CONFLICT (target_schema, source_table) DO UPDATE SET"
            + " paused = NULL, resynced_at = now()",
        schema,
        table);
  }

  /** The paused tables and why, by source name. */
  public Map<String, String> paused(Connection pg) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    tables(pg).forEach((table, t) -> t.paused().ifPresent(why -> out.put(table, why)));
    return out;
  }

  /** What sync status reads of the progress: the state row, if sync started here. */
  public record Progress(
      long applied,
      Instant appliedAt,
      long boundary,
      Instant startedAt,
      Optional<Long> sourceTs,
      Optional<SyncStatus.Verified> verified,
      String phase,
      Optional<SyncStatus.Cutover> cutover) {}

  /** The progress, without creating anything (sync status only reads). */
  public Optional<Progress> progress(Connection pg) throws SQLException {
    if (!exists(pg)) {
      return Optional.empty();
    }
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT applied, applied_at, coalesce(boundary, 0), started_at, source_ts,"
                + " verified_position, verified_at, verified_equal, phase, cutover_position,"
                + " cutover_drained, cutover_at, cutover_lock_ms, foreign_keys"
                + " FROM sqlite2pg.sync_state WHERE target_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long ts = rs.getLong(5);
        Optional<Long> sourceTs = rs.wasNull() ? Optional.empty() : Optional.of(ts);
        Optional<SyncStatus.Verified> verified =
            rs.getTimestamp(7) == null
                ? Optional.empty()
                : Optional.of(
                    new SyncStatus.Verified(
                        rs.getLong(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8)));
        return Optional.of(
            new Progress(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                rs.getLong(3),
                rs.getTimestamp(4).toInstant(),
                sourceTs,
                verified,
                rs.getString(9),
                cutover(rs)));
      }
    }
  }

  private static Optional<SyncStatus.Cutover> cutover(ResultSet rs) throws SQLException {
    long position = rs.getLong(10);
    if (rs.wasNull()) {
      return Optional.empty();
    }
    java.sql.Timestamp at = rs.getTimestamp(12);
    return Optional.of(
        new SyncStatus.Cutover(
            position,
            rs.getLong(11),
            Optional.ofNullable(at).map(java.sql.Timestamp::toInstant),
            rs.getDouble(13),
            Optional.ofNullable(rs.getString(14))));
  }

  /**
   * Cut-over's PostgreSQL side committed (design 3.7 step 3), in the caller's transaction: the
   * drain is applied up to {@code position}; SQLite's commit has not decided yet.
   */
  public void cuttingOver(Connection pg, long position, long drained, double lockMs)
      throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET phase = 'cutting-over', cutover_position = ?,"
            + " cutover_drained = ?, cutover_lock_ms = ?, cutover_at = NULL, foreign_keys = NULL"
            + " WHERE target_schema = ?",
        position,
        drained,
        lockMs,
        schema);
  }

  /** SQLite's commit decided at {@code at}; PostgreSQL takes the writes (step 5). */
  public void cutOver(Connection pg, Instant at, double lockMs) throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET phase = 'cut-over', cutover_at = ?, cutover_lock_ms = ?"
            + " WHERE target_schema = ?",
        java.sql.Timestamp.from(at),
        lockMs,
        schema);
  }

  /** A cut-over SQLite never committed: back to sync, as if it had not started. */
  public void undone(Connection pg) throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET phase = 'sync', cutover_position = NULL,"
            + " cutover_drained = NULL, cutover_at = NULL, cutover_lock_ms = NULL,"
            + " foreign_keys = NULL WHERE target_schema = ?",
        schema);
  }

  /**
   * Rollback's decision (design 3.8 step 4), in the caller's transaction: PostgreSQL's changes are
   * in SQLite and PostgreSQL is fenced again; SQLite's fence is lifted next.
   */
  public void rollingBack(Connection pg) throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET phase = 'rolling-back', rollback_at = clock_timestamp()"
            + " WHERE target_schema = ?",
        schema);
  }

  /**
   * SQLite takes the writes again: back to sync, forward apply following from where it stood (the
   * changes the rollback wrote into SQLite come back as equal rows, which is harmless).
   */
  public void rolledBack(Connection pg) throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET phase = 'sync', cutover_position = NULL,"
            + " cutover_drained = NULL, cutover_at = NULL, cutover_lock_ms = NULL,"
            + " foreign_keys = NULL, verified_equal = NULL, verified_at = NULL,"
            + " verified_position = NULL WHERE target_schema = ?",
        schema);
  }

  /** Where the foreign keys cut-over added stand: validating, valid, or their violations. */
  public void foreignKeys(Connection pg, String state) throws SQLException {
    TargetWrites.update(
        pg,
        "UPDATE sqlite2pg.sync_state SET foreign_keys = ? WHERE target_schema = ?",
        state,
        schema);
  }

  /**
   * For cut-over's preconditions (design 3.6), on PostgreSQL's clock: how long ago the last equal
   * sync verify ran, if one did, and the tables re-synced since (which it did not compare).
   */
  public record VerifyAge(Optional<java.time.Duration> age, List<String> resyncedSince) {}

  public VerifyAge verifyAge(Connection pg) throws SQLException {
    Optional<java.time.Duration> age = Optional.empty();
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT extract(epoch FROM now() - verified_at) * 1000 FROM sqlite2pg.sync_state"
                + " WHERE target_schema = ? AND verified_equal")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          age = Optional.of(java.time.Duration.ofMillis(rs.getLong(1)));
        }
      }
    }
    List<String> resynced = new java.util.ArrayList<>();
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT t.source_table FROM sqlite2pg.sync_tables t JOIN sqlite2pg.sync_state s USING"
                + " (target_schema) WHERE t.target_schema = ? AND t.resynced_at >= s.verified_at"
                + " ORDER BY 1")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          resynced.add(rs.getString(1));
        }
      }
    }
    return new VerifyAge(age, resynced);
  }

  /** One table's applied changes and, when paused, why. */
  public record TableProgress(long appliedChanges, Optional<String> paused) {}

  /** Every table sync recorded something for, by source name. */
  public Map<String, TableProgress> tables(Connection pg) throws SQLException {
    Map<String, TableProgress> out = new TreeMap<>();
    if (!exists(pg)) {
      return out;
    }
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT source_table, applied_changes, paused FROM sqlite2pg.sync_tables"
                + " WHERE target_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new TableProgress(rs.getLong(2), Optional.ofNullable(rs.getString(3))));
        }
      }
    }
    return out;
  }

  private static boolean exists(Connection pg) throws SQLException {
    return TargetTables.exist(pg, "sqlite2pg.sync_state", "sqlite2pg.sync_tables");
  }

  /** sync stop: the progress goes with the capture. */
  public void clear(Connection pg) throws SQLException {
    if (!exists(pg)) {
      return; // sync never recorded progress here: nothing to create only to delete
    }
    for (String table : List.of("sync_state", "sync_tables")) {
      TargetWrites.update(
          pg, "DELETE FROM sqlite2pg." + table + " WHERE target_schema = ?", schema);
    }
  }
}
