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
import java.util.Locale;
import java.util.concurrent.Callable;
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
      description = "pre-data, post-data or all (default: ${DEFAULT-VALUE}).")
  String section;

  @Option(
      names = "--baseline",
      paramLabel = "TOOL",
      description =
          "Write the schema as the first migration of flyway, liquibase or alembic into --output,"
              + " and print the steps that mark it applied on the migrated database.")
  BaselineTool baseline;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Where --baseline writes its files (created if missing).")
  Path output;

  @Override
  public Integer call() {
    Logging.configure(false, true);
    if ((baseline == null) != (output == null)) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "--baseline and --output go together: --baseline flyway --output db/migration");
    }
    SchemaSection s =
        switch (section.toLowerCase(Locale.ROOT)) {
          case "pre-data" -> SchemaSection.PRE_DATA;
          case "post-data" -> SchemaSection.POST_DATA;
          case "all" -> SchemaSection.ALL;
          default ->
              throw new MigrationException(
                  MigrationException.Code.BAD_ARGUMENTS,
                  "--section must be pre-data, post-data or all, not " + section);
        };
    MigrationPlan plan =
        selection
            .apply(Migrator.configure().source(source).target(new PlanCommand.NoTarget()))
            .build()
            .plan();
    PrintWriter out = spec.commandLine().getOut();
    if (baseline != null) {
      writeBaseline(out, plan, s);
    } else {
      out.print(plan.script(s));
    }
    out.flush();
    return 0;
  }

  private void writeBaseline(PrintWriter out, MigrationPlan plan, SchemaSection s) {
    if (s != SchemaSection.ALL) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "a baseline holds the whole schema: leave out --section");
    }
    BaselineFiles files = Baselines.write(plan, baseline, output);
    files.files().forEach(f -> out.println("wrote " + f));
    out.println();
    out.print(files.steps());
  }
}
