package dev.sqlite2pg;

import java.util.List;

/** One table of a {@link MigrationPlan}: where it goes, how many rows, how each column arrives. */
public record PlannedTable(
    String sourceTable, String targetTable, long sourceRows, List<ColumnReport> columns) {

  public PlannedTable {
    columns = List.copyOf(columns);
  }
}
