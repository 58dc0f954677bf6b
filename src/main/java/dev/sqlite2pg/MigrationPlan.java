package dev.sqlite2pg;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.plan.TablePlan;
import java.util.List;
import java.util.Optional;

/**
 * STEP 2's result: what will happen, decided before anything is written. {@code migrate} carries
 * out exactly this plan.
 */
public record MigrationPlan(
    Catalog catalog,
    String schema,
    List<TablePlan> tables,
    List<Warning> warnings,
    List<NotMigrated> notMigrated) {

  public Optional<TablePlan> table(String sourceName) {
    return tables.stream().filter(t -> t.source().name().equalsIgnoreCase(sourceName)).findFirst();
  }
}
