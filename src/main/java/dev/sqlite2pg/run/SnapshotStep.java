package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STEP 0: a database an application has open for writing is copied from a consistent snapshot
 * (--snapshot=auto, the default), so every table comes from the same moment.
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
    LOG.info("STEP 0: taking a consistent snapshot of {}", source.path());
    return Optional.of(source.snapshot());
  }
}
