package dev.sqlite2pg.cli;

import dev.sqlite2pg.AssessOptions;
import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sqlite2pg assess SOURCE}: what migrating this database (and its application) needs from a
 * person, object by object, with a total estimate. Writes nothing but the report.
 */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists every object of the database with a migration level (automatic; automatic, with a"
          + " warning; needs a decision; needs rewriting), the reason, a count and examples: values"
          + " that disagree with the declared type, times stored several ways, orphaned rows,"
          + " NULLs in keys, case-insensitive duplicates, application-only collations, triggers"
          + " and views that do not translate, virtual tables, names that change, text PostgreSQL"
          + " refuses, tables without a key, the framework; then the time a migration takes on"
          + " this machine (measured on a sample) and a total in cost units (ora2pg's style).",
      "Reads the source only, from a snapshot when it is open for writing; --target only tries"
          + " statements in a transaction it rolls back."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the assessment was made (whatever it found)",
      "2:bad arguments",
      "4:source (SQLite) error",
      "5:target (PostgreSQL) error"
    })
final class AssessCommand implements Callable<Integer> {

  /** The report's forms. */
  enum Format {
    TEXT,
    JSON,
    HTML
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "The SQLite database file.")
  Path source;

  @Option(
      names = "--code",
      paramLabel = "DIR",
      arity = "1..*",
      description =
          "The application's source directories: scanned for SQLite-only SQL, drivers and ORM"
              + " settings.")
  List<Path> code = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "URL",
      description =
          "A PostgreSQL server to try every translated view and default on, in a transaction"
              + " rolled back (nothing is left behind).")
  String target;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or html (one self-contained page; default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of the standard output.")
  Path output;

  @Option(
      names = "--sample",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "How long to read and encode rows for the time estimate (default: ${DEFAULT-VALUE}).")
  Duration sample;

  @Mixin OutputOptions verbosity;

  @Override
  public Integer call() {
    verbosity.configure();
    for (Path dir : code) {
      if (!Files.isDirectory(dir)) {
        throw new MigrationException(
            MigrationException.Code.BAD_ARGUMENTS,
            "--code " + dir + " is not a directory: name the application's source directory");
      }
    }
    Assessment a =
        Migrator.configure()
            .source(source)
            .target(connector())
            .build()
            .assess(new AssessOptions(code, target != null, sample));
    String report = render(a);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(report);
      out.flush();
    } else {
      write(report);
    }
    return ExitCodes.OK;
  }

  private TargetConnector connector() {
    if (target == null) {
      return new PlanCommand.NoTarget();
    }
    List<String> warnings = new ArrayList<>();
    TargetConnector c = Targets.resolve(target, warnings).orElseThrow();
    warnings.forEach(w -> spec.commandLine().getErr().println("sqlite2pg: warning: " + w));
    return c;
  }

  private String render(Assessment a) {
    return switch (format) {
      case TEXT -> AssessText.render(a);
      case JSON -> AssessJson.render(a);
      case HTML -> AssessHtml.render(a);
    };
  }

  private void write(String report) {
    try {
      Files.writeString(output, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "cannot write " + output + " (" + e.getMessage() + "): choose a writable --output");
    }
    spec.commandLine()
        .getErr()
        .println(
            "sqlite2pg: wrote the "
                + format.name().toLowerCase(Locale.ROOT)
                + " assessment to "
                + output);
  }
}
