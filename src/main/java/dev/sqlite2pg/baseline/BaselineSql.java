package dev.sqlite2pg.baseline;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.SchemaSection;
import java.util.stream.Collectors;

/** What every baseline holds: the schema script migrate runs, and the statement that undoes it. */
final class BaselineSql {

  private final MigrationPlan plan;

  BaselineSql(MigrationPlan plan) {
    this.plan = plan;
  }

  /** Both sections, as {@code sqlite2pg schema} prints them. */
  String create() {
    return plan.script(SchemaSection.ALL);
  }

  /**
   * Every table of the plan in one DROP, CASCADE taking the views, keys and identity sequences that
   * hang on them. The schema itself stays: the tool's own history table may live in it.
   */
  String drop() {
    if (plan.tables().isEmpty()) {
      return "-- nothing to drop: the schema had no tables\n";
    }
    return "DROP TABLE IF EXISTS "
        + plan.tables().stream()
            .map(t -> qualified(plan.schema(), t.targetTable()))
            .collect(Collectors.joining(", "))
        + " CASCADE;\n";
  }

  String schema() {
    return plan.schema();
  }

  int tableCount() {
    return plan.tables().size();
  }
}
