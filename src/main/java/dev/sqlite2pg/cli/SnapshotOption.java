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
          "Read the source as of one moment: auto (the default) holds a rollback-journal"
              + " database of 16 MB or more that no other process has open under SQLite's shared"
              + " lock until the run ends (a writer that starts meanwhile waits) and copies other"
              + " rollback-journal databases and open WAL databases to a snapshot (a temporary"
              + " file) first; always copies every time; never reads the live file through"
              + " SQLite, table by table.")
  MigrateOptions.Snapshot snapshot;
}
