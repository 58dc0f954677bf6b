package dev.sqlite2pg.plan;

import dev.sqlite2pg.catalog.Table;
import java.util.List;

/** How one source table arrives in PostgreSQL: its name, row count and columns. */
public record TablePlan(Table source, String target, long sourceRows, List<ColumnPlan> columns) {

  public List<ColumnPlan> copiedColumns() {
    return columns.stream().filter(ColumnPlan::copied).toList();
  }

  public java.util.Optional<ColumnPlan> column(String sourceName) {
    return columns.stream().filter(c -> c.source().name().equalsIgnoreCase(sourceName)).findFirst();
  }
}
