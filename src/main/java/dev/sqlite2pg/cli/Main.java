package dev.sqlite2pg.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sqlite2pg} command line: a thin layer over {@link dev.sqlite2pg.Migrator}. */
@Command(
    name = "sqlite2pg",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    resourceBundle = "dev.sqlite2pg.cli.Help",
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
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line; the build's completion and man page generators see this one. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // The build runs "generate-completion" (pom.xml); users who only have the jar can too, but it
    // is no migration command, so the usage does not list it.
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrors());
    return cl;
  }

  /** Bare {@code sqlite2pg}: no command given. */
  @Override
  public Integer call() {
    return UsageErrors.missingCommand(spec);
  }
}
