package dev.sqlite2pg.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that cannot be run: what is wrong, a did-you-mean when the word is close to a
 * command or option ({@code sqlite2pg migrat}, {@code --jbos}), and the help to read, named for the
 * command that refused it. Exit 2, as for every bad argument.
 */
final class UsageErrors implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("sqlite2pg: " + message(ex));
    if (ex instanceof UnmatchedArgumentException unmatched) {
      suggest(unmatched, err);
    }
    err.println(tryHelp(cl.getCommandSpec()));
    err.flush();
    return ExitCodes.BAD_ARGUMENTS;
  }

  /**
   * picocli's message, but a mistyped command is called one (not "Unmatched argument at index 0").
   */
  private static String message(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException u
        && !u.isUnknownOption()
        && !u.getCommandLine().getSubcommands().isEmpty()
        && u.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
      return "unknown command '" + u.getUnmatched().get(0) + "'";
    }
    String m = ex.getMessage();
    // picocli starts some messages with "Error: ", which the line's "sqlite2pg: " already says.
    return m != null && m.startsWith("Error: ") ? m.substring("Error: ".length()) : m;
  }

  /**
   * picocli suggests commands by similarity but options only by their first two letters, so a
   * transposed {@code --jbos} got nothing: options within two edits come first.
   */
  private static void suggest(UnmatchedArgumentException ex, PrintWriter err) {
    if (ex.isUnknownOption()) {
      String typed = ex.getUnmatched().get(0);
      List<String> close = Typos.closest(typed, optionNames(ex.getCommandLine().getCommandSpec()));
      if (!close.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", close) + "?");
        return;
      }
    }
    UnmatchedArgumentException.printSuggestions(ex, err);
  }

  private static List<String> optionNames(CommandSpec spec) {
    return spec.options().stream()
        .filter(o -> !o.hidden())
        .map(OptionSpec::names)
        .flatMap(java.util.Arrays::stream)
        .toList();
  }

  /**
   * Where to read on: {@code sqlite2pg --help} at the top, {@code sqlite2pg sync start --help}
   * below. The qualified name already starts with the tool's name (it was printed twice, issue 17).
   */
  static String tryHelp(CommandSpec spec) {
    return "Try '" + spec.qualifiedName() + " --help' for the options.";
  }

  /**
   * A command that only groups others ({@code sqlite2pg}, {@code sqlite2pg sync}) was given none:
   * its usage on stderr and exit 2. Like git, which lists its commands and fails, rather than psql
   * or pg_dump, which have a default action; sqlite2pg has none that is safe to guess.
   */
  static int missingCommand(CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().usage(err);
    err.println();
    err.println("sqlite2pg: missing command: give one of the commands above.");
    err.flush();
    return ExitCodes.BAD_ARGUMENTS;
  }
}
