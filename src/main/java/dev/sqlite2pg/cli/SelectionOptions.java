package dev.sqlite2pg.cli;

import dev.sqlite2pg.Migrator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that plans a migration: what, where, how. One command line serves
 * migrate, verify, plan and sync alike (verify must select what migrate loaded), so each accepts
 * them all; where one means something else, or nothing, for a command, Help.properties says so
 * under the command's key (sqlite2pg.verify.jobs), and the description here is migrate's.
 */
final class SelectionOptions {

  @Option(
      names = "--schema",
      descriptionKey = "schema",
      paramLabel = "NAME",
      defaultValue = "public",
      description = "Target schema, created if missing (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(
      names = "--tables",
      paramLabel = "GLOB,...",
      description = "Only these source tables (shell globs, case-insensitive).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB,...", description = "Leave these tables out.")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--cast",
      paramLabel = "RULE",
      description =
          "Override the type rules: 'table.column=pgtype' or 'DECLTYPE=pgtype';"
              + " 'interval:microseconds' (or milliseconds, seconds) states the unit of numbers"
              + " in an interval column. Repeatable.")
  List<String> casts = new ArrayList<>();

  @Option(
      names = {"-j", "--jobs"},
      descriptionKey = "jobs",
      paramLabel = "N",
      description =
          "Tables worked on at once: planned, copied, indexed and verified (default: the number of"
              + " cores).")
  Integer jobs;

  @Option(
      names = "--batch-size",
      descriptionKey = "batch-size",
      paramLabel = "ROWS",
      description = "Rows per COPY statement (default: 100000).")
  Integer batchSize;

  @Option(
      names = "--keep-case",
      description = "Keep identifiers' case (quoted) instead of" + " folding them to lower case.")
  boolean keepCase;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description =
          "Mapping file: groups of tables (for --only), target names, column renames,"
              + " casts and exclusions.")
  java.nio.file.Path config;

  @Option(
      names = "--only",
      paramLabel = "GROUP,...",
      description = "Only the tables of these groups of the --config file.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--source-timezone",
      paramLabel = "ZONE",
      description =
          "Zone of text times without an offset, when they go into timestamptz"
              + " (e.g. Europe/Paris; default UTC, as SQLite's datetime('now') writes).")
  String sourceTimezone;

  @Option(
      names = "--data-only",
      descriptionKey = "data-only",
      description =
          "Load into the tables that already exist (the"
              + " application created them): no DDL; tables and columns matched by name, values"
              + " converted to the existing column types.")
  boolean dataOnly;

  Migrator.Builder apply(Migrator.Builder b) {
    if (sourceTimezone != null) {
      try {
        b.sourceTimezone(java.time.ZoneId.of(sourceTimezone));
      } catch (java.time.DateTimeException e) {
        throw new dev.sqlite2pg.MigrationException(
            dev.sqlite2pg.MigrationException.Code.BAD_ARGUMENTS,
            "--source-timezone "
                + sourceTimezone
                + " is not a time zone: use a name like Europe/Paris or an"
                + " offset like +02:00");
      }
    }
    b.schema(schema)
        .tables(MigrateCommand.split(tables))
        .exclude(MigrateCommand.split(exclude))
        .casts(casts)
        .keepCase(keepCase)
        .dataOnly(dataOnly)
        .only(MigrateCommand.split(only))
        .config(config);
    if (jobs != null) {
      b.jobs(jobs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    return b;
  }
}
