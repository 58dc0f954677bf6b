package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STEP 0: a database an application may write while it is read is read as of one moment
 * (--snapshot=auto, the default), so every table comes from the same moment: a rollback-journal
 * file no other process has open is held unchanged under SQLite's shared lock and read in place;
 * any other is copied to a consistent snapshot first.
 */
public final class SnapshotStep {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStep.class);

  private SnapshotStep() {}

  /** The snapshot to read instead of {@code source}, when the option says to take one. */
  public static Optional<SqliteSource.Snapshot> take(
      MigrateOptions.Snapshot when, SqliteSource source) {
    boolean take =
        switch (when) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> source.needsSnapshot();
        };
    if (!take) {
      return Optional.empty();
    }
    if (when == MigrateOptions.Snapshot.AUTO) {
      Optional<SqliteSource.Snapshot> held = source.inPlace();
      if (held.isPresent()) {
        LOG.info(
            "STEP 0: no other process has {} open: reading it in place, under SQLite's shared"
                + " lock until the run ends (a writer that starts meanwhile waits for it;"
                + " --snapshot=always copies the file instead)",
            source.path());
        return held;
      }
    }
    LOG.info("STEP 0: taking a consistent snapshot of {}", source.path());
    return Optional.of(source.snapshot());
  }
}
