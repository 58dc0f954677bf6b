package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrateOptions;
import picocli.CommandLine.Option;

/** --snapshot, shared by migrate and verify: both read the source as of one moment. */
final class SnapshotOption {

  @Option(
      names = "--snapshot",
      paramLabel = "auto|always|never",
      defaultValue = "auto",
      description =
          "Read a consistent snapshot of the source (a copy in a temporary file):"
              + " auto (the default) for rollback-journal databases and WAL databases that are"
              + " open, always, or never (read the file in place through SQLite).")
  MigrateOptions.Snapshot snapshot;
}
