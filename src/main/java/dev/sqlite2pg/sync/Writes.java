package dev.sqlite2pg.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Sync's own writes to the application's file, each in one short {@code BEGIN IMMEDIATE}
 * transaction: the connection's busy timeout bounds the wait for the application's writers (M16),
 * and the application never sees half of one.
 */
final class Writes {

  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  /** Work that needs only a statement to run its SQL on. */
  @FunctionalInterface
  interface Statements {
    void run(Statement s) throws SQLException;
  }

  private Writes() {}

  /** {@code work} in one BEGIN IMMEDIATE transaction, on a statement of {@code c}'s. */
  static void statements(Connection c, Statements work) throws SQLException {
    immediate(
        c,
        () -> {
          try (Statement s = c.createStatement()) {
            work.run(s);
          }
          return null;
        });
  }

  static <T> T immediate(Connection c, Work<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        T out = work.run();
        s.execute("COMMIT");
        return out;
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
