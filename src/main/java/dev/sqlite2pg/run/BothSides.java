package dev.sqlite2pg.run;

import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.state.RunLock;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sync.Capture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What cut-over and rollback run inside: the target's run lock (no follower applies meanwhile, and
 * a second switch waits its turn), a writable connection to the application's file and one to
 * PostgreSQL; an error translated at this one boundary by the driver that raised it.
 */
final class BothSides {

  /** The work, given both connections. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection sqlite, Connection pg) throws SQLException, InterruptedException;
  }

  private BothSides() {}

  /** Runs {@code work}; {@code what} ("Cutting over") names it in a PostgreSQL error. */
  @SuppressWarnings("try") // the run lock is held, not used
  static <T> T locked(RunContext run, String what, Work<T> work) {
    Path file = run.options().source();
    try (RunLock lock = RunLock.acquire(run.target(), run.schema());
        Connection sqlite = Capture.writable(file);
        Connection pg = run.target().open()) {
      return work.run(sqlite, pg);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    } catch (SQLException e) {
      throw e instanceof org.sqlite.SQLiteException
          ? SqliteErrors.translate(file, e)
          : TargetErrors.translate(what, e, run.target());
    }
  }
}
