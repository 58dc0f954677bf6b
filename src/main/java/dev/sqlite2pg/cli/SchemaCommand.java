package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.SchemaSection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sqlite2pg schema SOURCE}: the DDL alone, as a SQL file for {@code psql -f}. */
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

  @Override
  public Integer call() {
    Logging.configure(false, true);
    SchemaSection s =
        switch (section.toLowerCase(Locale.ROOT)) {
          case "pre-data" -> SchemaSection.PRE_DATA;
          case "post-data" -> SchemaSection.POST_DATA;
          case "all" -> SchemaSection.ALL;
          default ->
              throw new dev.sqlite2pg.MigrationException(
                  dev.sqlite2pg.MigrationException.Code.BAD_ARGUMENTS,
                  "--section must be pre-data, post-data or all, not " + section);
        };
    MigrationPlan plan =
        selection
            .apply(Migrator.configure().source(source).target(new PlanCommand.NoTarget()))
            .build()
            .plan();
    spec.commandLine().getOut().print(plan.script(s));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
