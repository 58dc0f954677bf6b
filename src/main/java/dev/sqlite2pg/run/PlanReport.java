package dev.sqlite2pg.run;

import dev.sqlite2pg.ColumnReport;
import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.PlannedTable;
import dev.sqlite2pg.SchemaSection;
import dev.sqlite2pg.pg.ddl.SchemaScript;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The internal plan as the library's users see it: names, types and reasons, the script. */
public final class PlanReport {

  private PlanReport() {}

  /** {@code plan} for the API; no script when the mode creates nothing (--data-only). */
  public static MigrationPlan of(Plan plan, LoadMode mode) {
    Map<SchemaSection, String> sql = new EnumMap<>(SchemaSection.class);
    Map<SchemaSection, List<String>> statements = new EnumMap<>(SchemaSection.class);
    if (!mode.dataOnly()) {
      SchemaScript script = new SchemaScript(plan);
      for (SchemaSection s : SchemaSection.values()) {
        sql.put(s, script.render(s));
        statements.put(s, script.statements(s));
      }
    }
    return new MigrationPlan(
        plan.schema(),
        plan.tables().stream().map(PlanReport::table).toList(),
        plan.warnings(),
        plan.notMigrated(),
        sql,
        statements);
  }

  static PlannedTable table(TablePlan t) {
    return new PlannedTable(t.source().name(), t.target(), t.sourceRows(), columns(t.columns()));
  }

  static List<ColumnReport> columns(List<ColumnPlan> columns) {
    return columns.stream()
        .map(
            c ->
                new ColumnReport(
                    c.source().name(),
                    c.source().declaredType(),
                    c.target(),
                    c.type().sql(),
                    c.identity(),
                    c.rule(),
                    c.reason()))
        .toList();
  }
}
