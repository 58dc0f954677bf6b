package dev.sqlite2pg.pg.state;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetWrites;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The checked contract behind {@code --resume}: a run's fingerprint (the source file and schema,
 * and the options that shape the result) and which tables it has committed. A resumed run continues
 * only a run with the same fingerprint.
 */
public final class RunState {

  private final TargetConnector target;
  private final long runId;
  private final java.util.Map<String, Long> copied;
  private final java.util.Map<String, Long> skipped;

  /** Committed chunks: "table" + NUL + lower rowid bound, to rows. */
  private final java.util.Map<String, Long> chunks = new java.util.concurrent.ConcurrentHashMap<>();

  private RunState(
      TargetConnector target,
      long runId,
      java.util.Map<String, Long> copied,
      java.util.Map<String, Long> skipped) {
    this.target = target;
    this.runId = runId;
    this.copied = copied;
    this.skipped = skipped;
  }

  /**
   * Starts a new run's record. A role that may not create the sqlite2pg schema (no CREATE on the
   * database) still migrates: without a record, and so without --resume, as the warning from {@link
   * #warning()} says.
   */
  public static RunState start(
      TargetConnector target, String schema, RunFingerprint fp, List<TablePlan> tables) {
    try (Connection c = target.open()) {
      c.setAutoCommit(false);
      ensureTables(c);
      long id;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO sqlite2pg.runs (target_schema,"
                  + " fingerprint, fingerprint_detail) VALUES (?, ?, ?) RETURNING run_id")) {
        ps.setString(1, schema);
        ps.setString(2, fp.hash());
        ps.setString(3, fp.detail());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO sqlite2pg.tables (run_id,"
                  + " source_table, target_table) VALUES (?, ?, ?)")) {
        for (TablePlan t : tables) {
          ps.setLong(1, id);
          ps.setString(2, t.source().name());
          ps.setString(3, t.target());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      return new RunState(target, id, new java.util.HashMap<>(), new java.util.HashMap<>());
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        return new RunState(target, -1, new java.util.HashMap<>(), new java.util.HashMap<>());
      }
      throw failed(e);
    }
  }

  /**
   * A run that keeps no record by design: one file of a merged fleet, which is loaded again whole
   * when interrupted (its tenant's rows deleted first), so chunks and tables need no record.
   */
  public static RunState unrecorded(TargetConnector target) {
    return new RunState(target, -2, new java.util.HashMap<>(), new java.util.HashMap<>());
  }

  /** Why this run keeps no record, when it keeps none. */
  public Optional<String> warning() {
    return runId == -1
        ? Optional.of(
            "progress is not recorded (no privilege to create schema"
                + " sqlite2pg in the target database): an interrupted run cannot be resumed, only"
                + " started over with --drop")
        : Optional.empty();
  }

  /**
   * The interrupted run to continue: the newest unfinished run on this schema, refused unless its
   * fingerprint is this one.
   */
  public static RunState resume(TargetConnector target, String schema, RunFingerprint fp) {
    try (Connection c = target.open()) {
      ensureTables(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT run_id, fingerprint,"
                  + " fingerprint_detail, status FROM sqlite2pg.runs WHERE target_schema = ?"
                  + " ORDER BY run_id DESC LIMIT 1")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getString(4).equals("done")) {
            throw new MigrationException(
                Code.BAD_ARGUMENTS,
                "--resume: no interrupted run on"
                    + " schema "
                    + schema
                    + " to continue; run without --resume");
          }
          if (!rs.getString(2).equals(fp.hash())) {
            throw new MigrationException(
                Code.BAD_ARGUMENTS,
                "--resume refused: the source or"
                    + " the options changed since run "
                    + rs.getLong(1)
                    + " started (then: "
                    + rs.getString(3)
                    + "; now: "
                    + fp.detail()
                    + "); start over with --drop");
          }
          long id = rs.getLong(1);
          java.util.Map<String, Long> skipped = new java.util.HashMap<>();
          RunState state = new RunState(target, id, copiedTables(c, id, skipped), skipped);
          state.readChunks(c);
          return state;
        }
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Whether {@code schema}'s newest run did not finish (a fleet's file --resume continues). */
  public static boolean interrupted(TargetConnector target, String schema) {
    try (Connection c = target.open()) {
      ensureTables(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT status <> 'done' FROM sqlite2pg.runs WHERE target_schema = ?"
                  + " ORDER BY run_id DESC LIMIT 1")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The committed tables' copied rows; their skipped rows go to {@code skipped}. */
  private static java.util.Map<String, Long> copiedTables(
      Connection c, long id, java.util.Map<String, Long> skipped) throws SQLException {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT source_table, copied_rows,"
                + " coalesce(skipped_rows, 0) FROM sqlite2pg.tables WHERE run_id = ?"
                + " AND copied_at IS NOT NULL")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
          skipped.put(rs.getString(1), rs.getLong(3));
        }
      }
    }
    return out;
  }

  private void readChunks(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT source_table, chunk_lo, copied_rows"
                + " FROM sqlite2pg.chunks WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          chunks.put(rs.getString(1) + '\0' + rs.getLong(2), rs.getLong(3));
        }
      }
    }
  }

  /** Rows an earlier attempt of this run committed for the chunk starting at {@code lo}. */
  public Optional<Long> chunkCopied(String sourceTable, long lo) {
    return Optional.ofNullable(chunks.get(sourceTable + '\0' + lo));
  }

  /** Marks a chunk of a table copied, in the transaction {@code c} that holds its rows. */
  public void markChunkCopied(Connection c, String sourceTable, long lo, long hi, long rows)
      throws SQLException {
    write(
        c,
        "INSERT INTO sqlite2pg.chunks (run_id, source_table, chunk_lo, chunk_hi,"
            + " copied_rows) VALUES (?, ?, ?, ?, ?)",
        runId,
        sourceTable,
        lo,
        hi,
        rows);
  }

  /** Marks a table whose chunks are all committed as copied. */
  public void markChunksCopied(String sourceTable, long rows) {
    writeAlone(
        "UPDATE sqlite2pg.tables SET copied_rows = ?, copied_at = now()"
            + " WHERE run_id = ? AND source_table = ?",
        rows,
        runId,
        sourceTable);
  }

  /** Forgets a table's chunks: it is about to be recreated and copied whole, their rows gone. */
  public void forgetChunks(String sourceTable) {
    writeAlone(
        "DELETE FROM sqlite2pg.chunks WHERE run_id = ? AND source_table = ?", runId, sourceTable);
  }

  /** Rows an earlier attempt of this run committed for the table, if it finished it. */
  public Optional<Long> copied(String sourceTable) {
    return Optional.ofNullable(copied.get(sourceTable));
  }

  /** Marks a table copied, in the transaction {@code c} that holds its rows. */
  public void markCopied(Connection c, String sourceTable, long rows) throws SQLException {
    write(
        c,
        "UPDATE sqlite2pg.tables SET copied_rows = ?, copied_at = now()"
            + " WHERE run_id = ? AND source_table = ?",
        rows,
        runId,
        sourceTable);
  }

  /**
   * Records the rows --if-exists=skip-existing found already in the target, in the transaction
   * {@code c} that holds the table's new rows: a resumed run reports them as this one would.
   */
  public void markSkipped(Connection c, String sourceTable, long rows) throws SQLException {
    write(
        c,
        "UPDATE sqlite2pg.tables SET skipped_rows = ? WHERE run_id = ? AND source_table = ?",
        rows,
        runId,
        sourceTable);
  }

  /** Rows an earlier attempt of this run found already in the target, if it committed the table. */
  public Optional<Long> skipped(String sourceTable) {
    return Optional.ofNullable(skipped.get(sourceTable));
  }

  public void finish() {
    writeAlone(
        "UPDATE sqlite2pg.runs SET status = 'done', finished_at = now() WHERE run_id = ?", runId);
  }

  /** One change to the state, in {@code c}'s transaction; none when the run keeps no record. */
  private void write(Connection c, String sql, Object... params) throws SQLException {
    if (runId < 0) {
      return;
    }
    TargetWrites.update(c, sql, params);
  }

  /** One change to the state, committed on its own. */
  private void writeAlone(String sql, Object... params) {
    if (runId < 0) {
      return; // no connection either: a merged fleet runs thousands of these
    }
    try (Connection c = target.open()) {
      write(c, sql, params);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public long runId() {
    return runId;
  }

  static void ensureTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(SqlResources.load("pg-state"));
    }
  }

  private static MigrationException failed(SQLException e) {
    // The user needs CREATE on the database for that schema; the advice by SQLSTATE says so.
    return TargetErrors.translate("Recording the run's progress in schema sqlite2pg", e, null);
  }
}
