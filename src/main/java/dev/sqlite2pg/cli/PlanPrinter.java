package dev.sqlite2pg.cli;

import dev.sqlite2pg.ColumnReport;
import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.PlannedTable;
import dev.sqlite2pg.SchemaSection;
import dev.sqlite2pg.Warning;
import java.io.PrintWriter;
import java.util.Locale;

/** What plan and migrate --dry-run print: tables, types with reasons, DDL, warnings, omissions. */
final class PlanPrinter {

  private PlanPrinter() {}

  static void print(PrintWriter out, MigrationPlan plan, boolean dataOnly) {
    for (PlannedTable t : plan.tables()) {
      out.printf(
          Locale.ROOT,
          "%s -> %s.%s (%d rows)%n",
          t.sourceTable(),
          plan.schema(),
          t.targetTable(),
          t.sourceRows());
      for (ColumnReport c : t.columns()) {
        out.printf(
            Locale.ROOT,
            "  %-28s %-18s -> %-28s %s%s%n",
            c.sourceColumn(),
            c.declaredType().isEmpty() ? "(untyped)" : c.declaredType(),
            c.targetColumn() + " " + c.targetType(),
            c.reason(),
            c.identity() ? " [identity]" : "");
      }
    }
    if (dataOnly) {
      out.printf(
          Locale.ROOT,
          "%n-- --data-only: no DDL; the rows go into the tables above as they exist.%n");
    } else {
      out.printf(Locale.ROOT, "%n%s", plan.script(SchemaSection.ALL));
    }
    TextReport.list(out, "Warnings", plan.warnings().stream().map(Warning::describe).toList());
    TextReport.list(
        out,
        "Not migrated",
        plan.notMigrated().stream()
            .map(n -> n.kind() + " " + n.name() + ": " + n.reason())
            .toList());
    out.flush();
  }
}
