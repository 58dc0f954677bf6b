package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops a running {@link Migrator#migrate()}, {@link Migrator#verify()} or {@link Fleet} from
 * another thread: the CLI's Ctrl-C and SIGTERM (issue 17). {@link #cancel()} aborts every
 * PostgreSQL connection the run holds, so a COPY or a query waiting on a lock ends at once and its
 * transaction is rolled back by the server; what was committed, with its progress record, stays,
 * and --resume continues from there. The run then ends with {@link Code#INTERRUPTED} and deletes
 * its snapshot on the way out.
 *
 * <pre>{@code
 * Cancellation stop = new Cancellation();
 * Migrator m = Migrator.configure().source(db).target(t).cancellation(stop).build();
 * // another thread: stop.cancel();
 * }</pre>
 */
public final class Cancellation {

  private volatile boolean cancelled;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Set<Path> temporary = ConcurrentHashMap.newKeySet();

  /** Stops the run: no connection opens from now on, the open ones are aborted. Idempotent. */
  public void cancel() {
    cancelled = true;
    for (Connection c : open) {
      abort(c);
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Deletes the run's temporary files now, for a caller that cannot wait longer for the run to
   * clean up after {@link #cancel()} (the CLI's bounded wait before it exits).
   */
  public void deleteTemporaryFiles() {
    for (Path p : temporary) {
      try {
        Files.deleteIfExists(p);
      } catch (java.io.IOException ignored) {
        // Nothing more can be done from a process about to exit.
      }
    }
  }

  /** {@code target} with its connections registered, so that {@link #cancel()} can abort them. */
  TargetConnector guard(TargetConnector target) {
    return new TargetConnector() {
      @Override
      public Connection open() throws SQLException {
        refuseIfCancelled();
        Connection c = target.open();
        open.removeIf(Cancellation::closed); // keeps the set to the connections in use
        open.add(c);
        if (cancelled) { // cancelled while this one opened: cancel() may have missed it
          abort(c);
        }
        return c;
      }

      @Override
      public String display() {
        return target.display();
      }
    };
  }

  /** A file the run deletes itself when it ends, and {@link #deleteTemporaryFiles()} if not. */
  void temporary(Path file) {
    temporary.add(file);
  }

  void deleted(Path file) {
    temporary.remove(file);
  }

  /** The run's failure as the interruption it is, once cancelled; else {@code e} itself. */
  RuntimeException interrupted(RuntimeException e, String committed) {
    if (!cancelled || e instanceof MigrationException me && me.code() == Code.INTERRUPTED) {
      return e;
    }
    return new MigrationException(Code.INTERRUPTED, "interrupted: " + committed, e);
  }

  /** Ends the run here when it was cancelled, saying what it had committed. */
  void check(String committed) {
    if (cancelled) {
      throw new MigrationException(Code.INTERRUPTED, "interrupted: " + committed);
    }
  }

  private void refuseIfCancelled() throws SQLException {
    if (cancelled) {
      // 57014 query_canceled: not class 08, so the copy does not retry it as a lost connection.
      throw new SQLException("sqlite2pg was interrupted (Ctrl-C or SIGTERM)", "57014");
    }
  }

  /**
   * Closes the connection's socket without waiting for the server (JDBC 4.1 abort): a COPY being
   * sent, or a statement waiting for a lock, fails in its thread at once.
   */
  private static void abort(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException ignored) {
      // Already closed, or closing: either way it holds no transaction of this run any more.
    }
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
