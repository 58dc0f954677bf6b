package dev.sqlite2pg;

import java.util.List;
import java.util.Optional;

/**
 * One table's line in the report. The JSON report's field names are this record's, in snake_case: a
 * stable interface for scripts. {@code columns} says how each column arrived: its target name
 * (every renaming, case folding included) and type, with the reason.
 *
 * @param skippedExisting source rows whose primary key the target already held, left as they were
 *     ({@code --if-exists=skip-existing}); verification compares them too
 */
public record TableReport(
    String sourceTable,
    String targetTable,
    long sourceRows,
    long copiedRows,
    long skippedExisting,
    long rejectedRows,
    long bytes,
    double seconds,
    List<String> warnings,
    List<RejectedRow> rejected,
    Optional<String> error,
    Optional<TableCheck> verification,
    List<ColumnReport> columns) {

  /**
   * Every source row arrived (or was there already), and verification (when run) found the table
   * equal.
   */
  public boolean complete() {
    return error.isEmpty()
        && rejectedRows == 0
        && inTarget() == sourceRows
        && verification.map(TableCheck::equal).orElse(true);
  }

  /** Source rows the target holds now: copied by this run, or there already. */
  public long inTarget() {
    return copiedRows + skippedExisting;
  }
}
