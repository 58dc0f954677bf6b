package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.mapping.ColumnPlan;
import dev.sqlite2pg.mapping.TablePlan;
import dev.sqlite2pg.target.TargetConnector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sqlite2pg plan SOURCE}: what migrate would do, changing nothing anywhere. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Prints the tables, row counts and the PostgreSQL type of every column with the"
        + " reason, the warnings and what will not be migrated. Writes nothing.")
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "The SQLite database file.")
  Path source;

  @Mixin SelectionOptions selection;

  @Option(names = {"-v", "--verbose"}, description = "Debug output and stack traces.")
  boolean verbose;

  @Override
  public Integer call() {
    Logging.configure(verbose, true);
    MigrationPlan plan = selection.apply(Migrator.configure().source(source)
        .target(new NoTarget())).build().plan();
    PrintWriter out = spec.commandLine().getOut();
    for (TablePlan t : plan.tables()) {
      out.printf("%s -> %s.%s (%d rows)%n", t.source().name(), plan.schema(), t.target(),
          t.sourceRows());
      for (ColumnPlan c : t.columns()) {
        out.printf("  %-28s %-18s -> %-28s %s%s%n", c.source().name(),
            c.source().declaredType().isEmpty() ? "(untyped)" : c.source().declaredType(),
            c.target() + " " + c.type().sql(), c.reason(), c.identity() ? " [identity]" : "");
      }
    }
    TextReport.list(out, "Warnings", plan.warnings().stream().map(Warning::describe).toList());
    TextReport.list(out, "Not migrated", plan.notMigrated().stream()
        .map(NotMigrated::toString).map(s -> s).toList());
    out.flush();
    return 0;
  }

  /** plan never connects to a target. */
  private static final class NoTarget implements TargetConnector {
    @Override
    public Connection open() {
      throw new IllegalStateException("plan does not connect to a target");
    }

    @Override
    public String display() {
      return "(none)";
    }
  }
}
