package dev.sqlite2pg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sqlite2pg} command line: a thin layer over {@link dev.sqlite2pg.Migrator}. */
@Command(
    name = "sqlite2pg",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Moves a SQLite database into PostgreSQL and proves that nothing was lost.",
    subcommands = {
      MigrateCommand.class,
      PlanCommand.class,
      AssessCommand.class,
      VerifyCommand.class,
      SchemaCommand.class,
      SyncCommand.class,
      CutoverCommand.class,
      RollbackCommand.class,
      DoctorCommand.class,
      PrepareCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("sqlite2pg: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Try 'sqlite2pg "
                      + ex.getCommandLine().getCommandName()
                      + " --help' for the options.");
          return ExitCodes.BAD_ARGUMENTS;
        });
    return cl.execute(args);
  }
}
