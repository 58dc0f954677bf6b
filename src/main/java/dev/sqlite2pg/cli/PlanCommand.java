package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.TargetConnector;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sqlite2pg plan SOURCE [TARGET]}: what migrate would do, changing nothing anywhere. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints the tables, row counts, the PostgreSQL type of every column with the"
          + " reason, the DDL, the warnings and what will not be migrated. Writes nothing.",
      "TARGET is read only with --data-only, to fit the plan to the existing tables."
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "The SQLite database file.")
  Path source;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "TARGET",
      description = "The PostgreSQL database (only read, and only with --data-only).")
  String target;

  @Mixin ConnectionOptions connection;
  @Mixin SelectionOptions selection;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text: for reading; json: the tables, every column's type with the rule and reason,"
              + " the warnings, what is not migrated and the DDL statements by section"
              + " (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug output and stack traces.")
  boolean verbose;

  @Override
  public Integer call() {
    Logging.configure(verbose, true);
    if (!selection.dataOnly) {
      MigrationPlan plan =
          selection
              .apply(Migrator.configure().source(source).target(new NoTarget()))
              .build()
              .plan();
      print(plan);
      return 0;
    }
    try (ConnectionOptions.Resolved t =
        connection.resolve(target, source, spec.commandLine().getErr())) {
      MigrationPlan plan =
          selection.apply(Migrator.configure().source(source).target(t.connector())).build().plan();
      print(plan);
      return 0;
    }
  }

  private void print(MigrationPlan plan) {
    if (format == Format.JSON) {
      PlanJson.plan(spec.commandLine().getOut(), plan, selection.dataOnly);
    } else {
      PlanPrinter.print(spec.commandLine().getOut(), plan, selection.dataOnly);
    }
  }

  /** Without --data-only, plan never connects to a target. */
  static final class NoTarget implements TargetConnector {
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
