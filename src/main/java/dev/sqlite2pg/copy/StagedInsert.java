package dev.sqlite2pg.copy;

import dev.sqlite2pg.OnError;
import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * The INSERT of a staging table's missing rows into their table. When PostgreSQL refuses it (a
 * CHECK, a foreign key or a unique column of the target), it is rolled back to a savepoint and
 * split in halves by staged row number, recursively, until only the refused rows are left out, as
 * {@link BatchSender} does for a COPY: one refused row never costs its table.
 */
final class StagedInsert {

  private final Connection dst;
  private final TablePlan table;
  private final LoadKey key;
  private final StagingTable staging;
  private final OnError onError;
  private final List<RejectedRow> rejected;
  private boolean indexed;

  StagedInsert(
      Connection dst,
      TablePlan table,
      LoadKey key,
      StagingTable staging,
      OnError onError,
      List<RejectedRow> rejected) {
    this.dst = dst;
    this.table = table;
    this.key = key;
    this.staging = staging;
    this.onError = onError;
    this.rejected = rejected;
  }

  /** Inserts the missing rows among staged rows {@code from} to {@code to}; returns how many. */
  long run(long from, long to) throws SQLException {
    Savepoint sp = dst.setSavepoint();
    try {
      long n = staging.insertMissing(dst, from, to);
      dst.releaseSavepoint(sp);
      return n;
    } catch (SQLException e) {
      if (!BatchSender.isRowError(e)) {
        throw e;
      }
      dst.rollback(sp);
      if (from == to) {
        refused(from, e);
        return 0;
      }
      if (!indexed) {
        // Each half would otherwise scan the whole staging table again, which is quadratic
        // in the refused rows: 5,000 staged, 2,500 refused took 170 s here, 5 s with it.
        staging.indexRows(dst);
        indexed = true;
      }
      long mid = from + (to - from) / 2;
      return run(from, mid) + run(mid + 1, to);
    }
  }

  /** Lists the refused row, named by its source key (the staging table has no rowid). */
  private void refused(long row, SQLException e) throws SQLException {
    List<String> values = staging.key(dst, row);
    String label =
        values.isEmpty() ? "staged row " + row : key.label(values, c -> c.source().name());
    rejected.add(
        new RejectedRow(
            table.source().name(),
            label,
            BatchSender.column(e),
            "",
            "",
            "PostgreSQL refused the row: " + TableCopier.firstLine(e.getMessage())));
    if (onError == OnError.ABORT) {
      throw new BatchSender.AbortTable(e);
    }
  }
}
