package dev.sqlite2pg.plan;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.Catalog;
import java.util.List;
import java.util.Optional;

/**
 * STEP 2's result: what will happen, decided before anything is written. {@code migrate} carries
 * out exactly this plan. The library's users see it as a {@code MigrationPlan}.
 */
public record Plan(
    Catalog catalog,
    String schema,
    List<TablePlan> tables,
    List<Warning> warnings,
    List<NotMigrated> notMigrated) {

  /** This plan with every column of every table replaced by {@code f}'s result. */
  public Plan withColumns(java.util.function.UnaryOperator<ColumnPlan> f) {
    List<TablePlan> out =
        tables.stream()
            .map(
                t ->
                    new TablePlan(
                        t.source(),
                        t.target(),
                        t.sourceRows(),
                        t.columns().stream().map(f).toList()))
            .toList();
    return new Plan(catalog, schema, out, warnings, notMigrated);
  }

  public Optional<TablePlan> table(String sourceName) {
    return tables.stream().filter(t -> t.source().name().equalsIgnoreCase(sourceName)).findFirst();
  }
}
