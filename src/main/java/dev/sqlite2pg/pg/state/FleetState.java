package dev.sqlite2pg.pg.state;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetWrites;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The record of a fleet in the target ({@code sqlite2pg.fleets}, {@code sqlite2pg.fleet_files}):
 * which files are in, so that a run killed at file 6,000 of 10,000 resumes at file 6,001, and a
 * shard can tell whether it finished the fleet's last file.
 */
public final class FleetState {

  private final TargetConnector target;
  private final String schema;

  /** A file's record: its status, and what it said when it ended. */
  public record FileRecord(String fingerprint, String status, long rows, int exitCode) {}

  /**
   * One table of a merged fleet's file as its source had it: the rows, those of them whose values
   * convert, and the fingerprint's two sums over those.
   */
  public record TableRows(
      String sourceTable,
      String targetTable,
      long sourceRows,
      long expectedRows,
      long sum1,
      long sum2) {}

  /** A merged fleet's record. */
  public record Fleet(String tenantColumn, String fingerprint, int files, boolean keysBuilt) {}

  /**
   * @param schema the merged schema, or '' for a fleet whose files have a schema each
   */
  public FleetState(TargetConnector target, String schema) {
    this.target = target;
    this.schema = schema;
    try (Connection c = target.open();
        Statement s = c.createStatement()) {
      s.execute(SqlResources.load("pg-fleet-state"));
      // The files' runs would each create sqlite2pg.runs at once: CREATE TABLE IF NOT EXISTS is
      // not safe against itself (two sessions race on pg_type's unique index, seen on 3 stores).
      RunState.ensureTables(c);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Every file's record, by unit. */
  public Map<String, FileRecord> files() {
    Map<String, FileRecord> out = new HashMap<>();
    try (Connection c = target.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT unit, fingerprint, status, coalesce(copied_rows, 0),"
                    + " coalesce(exit_code, -1) FROM sqlite2pg.fleet_files"
                    + " WHERE target_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new FileRecord(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** A file is being loaded (again): what an earlier attempt recorded of its tables is gone. */
  public void started(TargetConnector via, String unit, String file, String fingerprint) {
    write(
        via,
        "WITH gone AS (DELETE FROM sqlite2pg.fleet_tables WHERE target_schema = ? AND unit = ?)"
            + " INSERT INTO sqlite2pg.fleet_files (target_schema, unit, file, fingerprint, status)"
            + " VALUES (?, ?, ?, ?, 'running') ON CONFLICT (target_schema, unit) DO UPDATE SET"
            + " file = excluded.file, fingerprint = excluded.fingerprint, status = 'running',"
            + " copied_rows = NULL, exit_code = NULL, started_at = now(), finished_at = NULL",
        schema,
        unit,
        schema,
        unit,
        file,
        fingerprint);
  }

  /** A merged fleet's file: its tables' fingerprints, recorded before the file is done. */
  public static void recordTables(
      TargetConnector via, String schema, String unit, java.util.List<TableRows> tables) {
    try (Connection c = via.open();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO sqlite2pg.fleet_tables (target_schema, unit, source_table,"
                    + " target_table, source_rows, expected_rows, sum1, sum2)"
                    + " SELECT ?, ?, * FROM unnest(?::text[], ?::text[], ?::int8[], ?::int8[],"
                    + " ?::int8[], ?::int8[]) ON CONFLICT (target_schema, unit, source_table) DO"
                    + " UPDATE SET target_table = excluded.target_table, source_rows ="
                    + " excluded.source_rows, expected_rows = excluded.expected_rows, sum1 ="
                    + " excluded.sum1, sum2 = excluded.sum2")) {
      ps.setString(1, schema);
      ps.setString(2, unit);
      ps.setArray(
          3, c.createArrayOf("text", tables.stream().map(TableRows::sourceTable).toArray()));
      ps.setArray(
          4, c.createArrayOf("text", tables.stream().map(TableRows::targetTable).toArray()));
      ps.setArray(5, longs(c, tables, TableRows::sourceRows));
      ps.setArray(6, longs(c, tables, TableRows::expectedRows));
      ps.setArray(7, longs(c, tables, TableRows::sum1));
      ps.setArray(8, longs(c, tables, TableRows::sum2));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static java.sql.Array longs(
      Connection c,
      java.util.List<TableRows> tables,
      java.util.function.ToLongFunction<TableRows> f)
      throws SQLException {
    return c.createArrayOf("int8", tables.stream().map(t -> f.applyAsLong(t)).toArray());
  }

  /**
   * What the fleet's done files recorded of {@code sourceTable}, by unit (tenant); files loaded
   * with --no-verify recorded nothing.
   */
  public Map<String, TableRows> recordedTables(String sourceTable) {
    Map<String, TableRows> out = new HashMap<>();
    try (Connection c = target.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT t.unit, t.target_table, t.source_rows, t.expected_rows, t.sum1, t.sum2"
                    + " FROM sqlite2pg.fleet_tables t JOIN sqlite2pg.fleet_files f USING"
                    + " (target_schema, unit) WHERE t.target_schema = ? AND t.source_table = ?"
                    + " AND f.status = 'done'")) {
      ps.setString(1, schema);
      ps.setString(2, sourceTable);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new TableRows(
                  sourceTable,
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * A file ended: done when every row is in (exit code 0: verified, or for a merged fleet its
   * tables' fingerprints recorded for the comparison after the last file), else failed.
   */
  public void finished(TargetConnector via, String unit, long rows, int exitCode) {
    write(
        via,
        "UPDATE sqlite2pg.fleet_files SET status = ?, copied_rows = ?, exit_code = ?,"
            + " finished_at = now() WHERE target_schema = ? AND unit = ?",
        exitCode == 0 ? "done" : "failed",
        rows,
        exitCode,
        schema,
        unit);
  }

  /** The merged fleet loading into this schema, when one was started. */
  public Optional<Fleet> fleet() {
    try (Connection c = target.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT tenant_column, fingerprint, files, keys_at IS NOT NULL"
                    + " FROM sqlite2pg.fleets WHERE target_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Fleet(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Records a merged fleet whose tables were just created (its files' records start afresh). */
  public void begin(String tenantColumn, String fingerprint, int files) {
    try (Connection c = target.open()) {
      TargetWrites.inTransaction(
          c,
          s -> {
            TargetWrites.update(
                c, "DELETE FROM sqlite2pg.fleet_files WHERE target_schema = ?", schema);
            TargetWrites.update(
                c, "DELETE FROM sqlite2pg.fleet_tables WHERE target_schema = ?", schema);
            TargetWrites.update(
                c,
                "INSERT INTO sqlite2pg.fleets (target_schema, tenant_column, fingerprint, files)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (target_schema) DO UPDATE SET"
                    + " tenant_column = excluded.tenant_column, fingerprint ="
                    + " excluded.fingerprint, files = excluded.files, created_at = now(),"
                    + " keys_at = NULL",
                schema,
                tenantColumn,
                fingerprint,
                files);
          });
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The merged tables have their keys, indexes and foreign keys. */
  public void keysBuilt() {
    write(target, "UPDATE sqlite2pg.fleets SET keys_at = now() WHERE target_schema = ?", schema);
  }

  /** One statement through {@code via}: the file's own session, when it writes its record. */
  private void write(TargetConnector via, String sql, Object... params) {
    try (Connection c = via.open()) {
      TargetWrites.update(c, sql, params);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static MigrationException failed(SQLException e) {
    return TargetErrors.translate("Recording the fleet's progress in schema sqlite2pg", e, null);
  }
}
