package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.Warning;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Moves each identity column's sequence past the loaded keys: to the largest of the column's
 * maximum, the source's (rows the copy rejected included, which are still to be repaired and loaded
 * with their ids) and SQLite's AUTOINCREMENT high-water mark, so that the application's next insert
 * gets the id SQLite would have given (AUTOINCREMENT never reuses an id, even of a deleted row).
 */
public final class Sequences {

  private final String schema;
  private final SourceKeys source;

  Sequences(String schema, SourceKeys source) {
    this.schema = schema;
    this.source = source;
  }

  /** The source's largest integer in a column, if any (rejected rows included). */
  @FunctionalInterface
  public interface SourceKeys {
    SourceKeys NONE = (t, c) -> 0;

    long highest(TablePlan table, ColumnPlan column);
  }

  /**
   * Cut-over (design 3.7 step 3): every identity sequence of {@code tables} moved past the keys
   * PostgreSQL holds now and {@code source}'s, in the caller's transaction.
   */
  public static List<Warning> moveAll(
      Connection c, String schema, List<TablePlan> tables, SourceKeys source) throws SQLException {
    List<Warning> warnings = new java.util.ArrayList<>();
    new Sequences(schema, source).reset(c, tables, warnings);
    return warnings;
  }

  void reset(Connection c, List<TablePlan> tables, List<Warning> warnings) throws SQLException {
    for (TablePlan t : tables) {
      for (ColumnPlan col : t.columns()) {
        if (col.identity()) {
          long max = max(c, t, col);
          long next =
              Math.max(Math.max(max, t.source().sequence().orElse(0L)), source.highest(t, col));
          setval(c, t, col, next, warnings);
        }
      }
    }
  }

  private long max(Connection c, TablePlan t, ColumnPlan col) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(max("
                    + quote(col.target())
                    + "), 0) FROM "
                    + qualified(schema, t.target()))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void setval(Connection c, TablePlan t, ColumnPlan col, long last, List<Warning> warnings)
      throws SQLException {
    // Identity sequences start at 1: with no positive key yet, the next id is 1.
    String sql =
        last >= 1
            ? "SELECT setval(pg_get_serial_sequence(?, ?), ?, true)"
            : "SELECT setval(pg_get_serial_sequence(?, ?), 1, false)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, qualified(schema, t.target()));
      ps.setString(2, col.target());
      if (last >= 1) {
        ps.setLong(3, last);
      }
      ps.executeQuery().close();
    } catch (SQLException e) {
      warnings.add(
          Warning.column(
              t.source().name(),
              col.source().name(),
              "identity sequence not set: " + e.getMessage()));
    }
  }
}
