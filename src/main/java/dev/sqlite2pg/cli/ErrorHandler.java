package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and its documented exit code. The stack trace only with
 * -v: at 2 a.m. the cause and the fix matter, not the frames.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  private static final String PREFIX = "sqlite2pg: error: ";

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    ParseResult command = parsed.subcommand();
    boolean verbose = command != null && command.hasMatchedOption("-v");
    if (ex instanceof MigrationException me) {
      cl.getErr().println(PREFIX + oneLine(me));
      if (verbose) {
        me.printStackTrace(cl.getErr());
      }
      return me.code().exitCode();
    }
    cl.getErr()
        .println(
            "sqlite2pg: internal error: "
                + ex
                + " (run with -v for details, and"
                + " please report it)");
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    }
    return ExitCodes.INTERNAL;
  }

  /**
   * The message's first line. The library has already said what failed and what to do: its SQLite
   * and PostgreSQL errors are translated where they happen (sqlite.SqliteErrors, pg.TargetErrors),
   * so nothing is patched here.
   */
  static String oneLine(MigrationException me) {
    return me.getMessage() == null ? "" : me.getMessage().lines().findFirst().orElse("");
  }
}
