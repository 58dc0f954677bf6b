package dev.sqlite2pg.assess;

import dev.sqlite2pg.MigrationTime;
import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.RowCursor;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sqlite.TableReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The time a migration spends reading and encoding, measured: each table's first rows read with the
 * copy's reader and encoded with its encoders into a COPY buffer that is never sent, for a share of
 * a bounded time; each table's rows extrapolated at its own measured rate (a table the time did not
 * reach, at the average rate).
 */
public final class SpeedSample {

  private SpeedSample() {}

  /** Per-table tallies: rows read and nanoseconds spent. */
  private static final class Tally {
    long rows;
    long nanos;
  }

  public static MigrationTime measure(SqliteSource source, Plan plan, Duration budget) {
    List<TablePlan> tables = plan.tables().stream().filter(t -> t.sourceRows() > 0).toList();
    long total = tables.stream().mapToLong(TablePlan::sourceRows).sum();
    if (tables.isEmpty()) {
      return new MigrationTime(0, 0, 0, 0, 0);
    }
    long share = Math.max(budget.toNanos() / tables.size(), Duration.ofMillis(5).toNanos());
    long deadline = System.nanoTime() + budget.toNanos();
    Tally all = new Tally();
    double seconds = 0;
    int measured = 0;
    long unmeasuredRows = 0;
    try (Connection c = source.connect()) {
      for (TablePlan t : tables) {
        if (System.nanoTime() >= deadline) {
          unmeasuredRows += t.sourceRows();
          continue;
        }
        Tally one = sample(source, c, plan, t, share);
        all.rows += one.rows;
        all.nanos += one.nanos;
        measured++;
        seconds += t.sourceRows() * (one.nanos / 1e9) / Math.max(1, one.rows);
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
    seconds += unmeasuredRows * (all.nanos / 1e9) / Math.max(1, all.rows);
    return new MigrationTime(seconds, all.rows, measured, all.nanos / 1e9, total);
  }

  private static Tally sample(SqliteSource source, Connection c, Plan plan, TablePlan t, long share)
      throws SQLException {
    List<ColumnPlan> cols = t.copiedColumns();
    ValueEncoder[] enc =
        cols.stream()
            .map(col -> Encoders.forType(col.type(), col.options()))
            .toArray(ValueEncoder[]::new);
    BinaryCopyBuffer buf = new BinaryCopyBuffer();
    Tally tally = new Tally();
    long start = System.nanoTime();
    try (RowCursor row =
        TableReader.open(
            source,
            c,
            t.source(),
            cols.stream().map(ColumnPlan::source).toList(),
            plan.catalog().utf8(),
            Long.MIN_VALUE,
            Long.MAX_VALUE)) {
      while (row.next()) {
        encode(row, enc, buf);
        tally.rows++;
        // The clock is read every 64 rows: reading it per row would be part of what is measured.
        if ((tally.rows & 63) == 0) {
          if (System.nanoTime() - start >= share) {
            break;
          }
          buf.reset();
        }
      }
    }
    tally.nanos = System.nanoTime() - start;
    return tally;
  }

  private static void encode(RowCursor row, ValueEncoder[] enc, BinaryCopyBuffer buf) {
    buf.startRow(enc.length);
    try {
      for (int i = 0; i < enc.length; i++) {
        enc[i].encode(row, i + 1, buf);
      }
    } catch (ConversionException e) {
      buf.rollbackRow(); // a refused row costs its reading and a reject line; close enough
    }
  }
}
