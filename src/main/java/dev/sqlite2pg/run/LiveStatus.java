package dev.sqlite2pg.run;

import dev.sqlite2pg.SyncStatus;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sync.StatusReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;

/**
 * Reads the sync status from both databases on each call, on connections of its own: the status
 * page and a scrape must never wait for, or disturb, the apply loop's transactions. The SQLite
 * connection is read-only: status never writes the application's file.
 */
final class LiveStatus implements Supplier<SyncStatus> {

  private final RunContext run;
  private final Path source;

  LiveStatus(RunContext run, Path source) {
    this.run = run;
    this.source = source;
  }

  @Override
  public SyncStatus get() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(1_000);
    try (Connection sqlite = config.createConnection("jdbc:sqlite:" + source.toAbsolutePath());
        Connection pg = run.target().open()) {
      return new StatusReader(run.schema(), Clock.systemUTC()).read(sqlite, pg);
    } catch (SQLException e) {
      // Both sides are read here: the driver's exception class says which failed.
      throw e instanceof org.sqlite.SQLiteException
          ? SqliteErrors.translate(source, e)
          : TargetErrors.translate("Reading sync's progress", e, run.target());
    }
  }
}
