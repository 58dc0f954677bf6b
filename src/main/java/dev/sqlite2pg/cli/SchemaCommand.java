package dev.sqlite2pg.cli;

import dev.sqlite2pg.BaselineFiles;
import dev.sqlite2pg.BaselineTool;
import dev.sqlite2pg.Baselines;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.SchemaSection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sqlite2pg schema SOURCE}: the DDL alone, as a SQL file for {@code psql -f}, or with {@code
 * --baseline} as the first migration of the team's schema-migration tool.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Prints the PostgreSQL DDL that migrate would run, as a SQL file a DBA can"
            + " review and apply with psql -f: a pre-data section (tables) and a post-data section"
            + " (keys, indexes, constraints, sequences, views), like pg_dump --section.")
final class SchemaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "The SQLite database file.")
  Path source;

  @Mixin SelectionOptions selection;

  @Option(
      names = "--section",
      paramLabel = "SECTION",
      defaultValue = "all",
      converter = Section.Converter.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}), as pg_dump --section.")
  Section section;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text: the SQL file; json: the statements of each section as lists of strings,"
              + " without their semicolons (default: ${DEFAULT-VALUE}).")
  Format format;

  /** --baseline needs --output and the reverse: picocli says which one is missing. */
  @ArgGroup(exclusive = false)
  Baseline baseline;

  static final class Baseline {
    @Option(
        names = "--baseline",
        paramLabel = "TOOL",
        required = true,
        description =
            "Write the schema as the first migration of flyway, liquibase or alembic into"
                + " --output, and print the steps that mark it applied on the migrated database.")
    BaselineTool tool;

    @Option(
        names = "--output",
        paramLabel = "DIR",
        required = true,
        description = "Where --baseline writes its files (created if missing).")
    Path output;
  }

  @Override
  public Integer call() {
    Logging.configure(false, true);
    refuseDataOnly();
    MigrationPlan plan =
        selection
            .apply(Migrator.configure().source(source).target(new PlanCommand.NoTarget()))
            .build()
            .plan();
    PrintWriter out = spec.commandLine().getOut();
    if (baseline != null) {
      writeBaseline(out, plan, section.section);
    } else if (format == Format.JSON) {
      PlanJson.schema(out, plan, section);
    } else {
      out.print(plan.script(section.section));
    }
    out.flush();
    return 0;
  }

  /**
   * The DDL is all schema prints, and --data-only writes none: it printed nothing, or failed with
   * an internal error for want of a target (issue 17). plan --data-only shows the fit.
   */
  private void refuseDataOnly() {
    if (selection.dataOnly) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "--data-only creates no DDL, so schema has nothing to print: run sqlite2pg plan"
              + " --data-only SOURCE TARGET to see how the rows fit the existing tables");
    }
  }

  private void writeBaseline(PrintWriter out, MigrationPlan plan, SchemaSection s) {
    if (s != SchemaSection.ALL) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "a baseline holds the whole schema: leave out --section");
    }
    if (format == Format.JSON) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "--baseline writes migration files, not JSON: leave out --format");
    }
    BaselineFiles files = Baselines.write(plan, baseline.tool, baseline.output);
    files.files().forEach(f -> out.println("wrote " + f));
    out.println();
    out.print(files.steps());
  }
}
