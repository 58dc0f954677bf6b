package dev.sqlite2pg.cli;

import picocli.CommandLine.Option;

/** -v and -q, shared by the commands that report progress. */
final class OutputOptions {

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug output and stack traces.")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only warnings and the result.")
  boolean quiet;

  void configure() {
    Logging.configure(verbose, quiet);
  }
}
