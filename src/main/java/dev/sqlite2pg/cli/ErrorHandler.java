package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and its documented exit code. The stack trace only
 * with -v: at 2 a.m. the cause and the fix matter, not the frames.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    boolean verbose = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("-v");
    if (ex instanceof MigrationException me) {
      cl.getErr().println("sqlite2pg: error: " + me.getMessage().lines().findFirst().orElse(""));
      if (verbose) {
        me.printStackTrace(cl.getErr());
      }
      return me.code().exitCode();
    }
    cl.getErr().println("sqlite2pg: internal error: " + ex + " (run with -v for details, and"
        + " please report it)");
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    }
    return ExitCodes.INTERNAL;
  }
}
