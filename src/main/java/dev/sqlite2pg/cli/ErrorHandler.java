package dev.sqlite2pg.cli;

import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.nio.file.Path;
import org.postgresql.util.PSQLException;
import org.sqlite.SQLiteException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns a failure into one line on stderr and its documented exit code. The stack trace only
 * with -v: at 2 a.m. the cause and the fix matter, not the frames.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  private static final String PREFIX = "sqlite2pg: error: ";

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    ParseResult command = parsed.subcommand();
    boolean verbose = command != null && command.hasMatchedOption("-v");
    if (ex instanceof MigrationException me) {
      cl.getErr().println(PREFIX + oneLine(me, command));
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

  /**
   * The message's first line. A message that still carries a driver's raw words (a place in
   * the library that wrapped a SQLException without explaining it) is explained here from its
   * cause, so that the line says what to do whichever step failed.
   */
  static String oneLine(MigrationException me, ParseResult command) {
    String message = me.getMessage() == null ? "" : me.getMessage().lines().findFirst()
        .orElse("");
    Throwable cause = me.getCause();
    if (me.code() == Code.SOURCE && cause instanceof SQLiteException se
        && message.contains("[SQLITE_")) {
      Path source = sourceOf(command);
      if (source != null) {
        return SqliteErrors.explain(source, se);
      }
    }
    if (me.code() == Code.TARGET && cause instanceof PSQLException pe) {
      int raw = message.indexOf("ERROR: ");
      if (raw >= 0) {
        String context = message.substring(0, raw).replaceAll("[:\\s]+$", "");
        return (context.isEmpty() ? "" : context + ": ") + TargetErrors.explain(pe, TargetErrors.Session.UNKNOWN);
      }
    }
    return message;
  }

  /** SOURCE, the first positional parameter of migrate, plan and verify. */
  private static Path sourceOf(ParseResult command) {
    if (command == null || command.matchedPositionals().isEmpty()) {
      return null;
    }
    Object value = command.matchedPositionals().get(0).getValue();
    return value instanceof Path p ? p : null;
  }
}
