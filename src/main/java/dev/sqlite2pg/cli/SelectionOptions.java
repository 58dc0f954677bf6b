package dev.sqlite2pg.cli;

import dev.sqlite2pg.Migrator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that plans a migration: what, where, how. */
final class SelectionOptions {

  @Option(names = "--schema", paramLabel = "NAME", defaultValue = "public",
      description = "Target schema, created if missing (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(names = "--tables", paramLabel = "GLOB,...",
      description = "Only these source tables (shell globs, case-insensitive).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB,...", description = "Leave these tables out.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--cast", paramLabel = "RULE",
      description = "Override the type rules: 'table.column=pgtype' or 'DECLTYPE=pgtype'."
          + " Repeatable.")
  List<String> casts = new ArrayList<>();

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "Tables copied in parallel (default: the number of cores).")
  Integer jobs;

  @Option(names = "--batch-size", paramLabel = "ROWS",
      description = "Rows per COPY statement (default: 100000).")
  Integer batchSize;

  @Option(names = "--keep-case", description = "Keep identifiers' case (quoted) instead of"
      + " folding them to lower case.")
  boolean keepCase;

  Migrator.Builder apply(Migrator.Builder b) {
    b.schema(schema).tables(MigrateCommand.split(tables)).exclude(MigrateCommand.split(exclude))
        .casts(casts).keepCase(keepCase);
    if (jobs != null) {
      b.jobs(jobs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    return b;
  }
}
