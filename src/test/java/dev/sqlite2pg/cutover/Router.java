package dev.sqlite2pg.cutover;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

// --- README: JDBC router ---
/**
 * Sends each write transaction to SQLite until the cut-over, then to PostgreSQL. The switch comes
 * from the flag file that {@code sqlite2pg cutover --on-cutover 'touch FLAG'} creates, or from
 * SQLite's fence, whichever the thread meets first. Both pools are made at start-up (warm), e.g.
 * HikariCP over {@code jdbc:sqlite:app.db?busy_timeout=5000&transaction_mode=IMMEDIATE} (a write
 * waits out cut-over's lock; a transaction takes the write lock when it begins) and over
 * PostgreSQL, or PgBouncer.
 */
public final class Router {

  /** One transaction's statements, run on whichever database takes the writes. */
  public interface Work {
    void run(Connection c) throws SQLException;
  }

  private final DataSource sqlite;
  private final DataSource pg;
  private final Path flag;
  private volatile boolean onPg;

  public Router(DataSource sqlite, DataSource pg, Path flag) {
    this.sqlite = sqlite;
    this.pg = pg;
    this.flag = flag;
  }

  /** Runs {@code work} in one transaction; returns the database that took it. */
  public String write(Work work) throws SQLException {
    if (!onPg && Files.exists(flag)) {
      onPg = true;
    }
    if (!onPg) {
      try (Connection c = sqlite.getConnection()) {
        c.setAutoCommit(false);
        try {
          work.run(c);
          c.commit();
          return "sqlite";
        } catch (SQLException e) {
          c.rollback(); // RAISE(ABORT) undid the fenced statement only: roll back the others
          if (!String.valueOf(e.getMessage()).contains("sqlite2pg:")) {
            throw e;
          }
          onPg = true; // SQLite was cut over: switch now, retry once there
        }
      }
    }
    try (Connection c = pg.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
        return "postgresql";
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
// --- end ---
