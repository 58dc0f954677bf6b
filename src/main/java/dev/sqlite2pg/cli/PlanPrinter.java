package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.pg.ddl.SchemaScript;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.io.PrintWriter;

/** What plan and migrate --dry-run print: tables, types with reasons, DDL, warnings, omissions. */
final class PlanPrinter {

  private PlanPrinter() {}

  static void print(PrintWriter out, MigrationPlan plan, boolean dataOnly) {
    for (TablePlan t : plan.tables()) {
      out.printf("%s -> %s.%s (%d rows)%n", t.source().name(), plan.schema(), t.target(),
          t.sourceRows());
      for (ColumnPlan c : t.columns()) {
        out.printf("  %-28s %-18s -> %-28s %s%s%n", c.source().name(),
            c.source().declaredType().isEmpty() ? "(untyped)" : c.source().declaredType(),
            c.target() + " " + c.type().sql(), c.reason(), c.identity() ? " [identity]" : "");
      }
    }
    if (dataOnly) {
      out.printf("%n-- --data-only: no DDL; the rows go into the tables above as they exist.%n");
    } else {
      out.printf("%n%s", new SchemaScript(plan).render(SchemaScript.Section.ALL));
    }
    TextReport.list(out, "Warnings", plan.warnings().stream().map(Warning::describe).toList());
    TextReport.list(out, "Not migrated", plan.notMigrated().stream()
        .map(n -> n.kind() + " " + n.name() + ": " + n.reason()).toList());
    out.flush();
  }
}
