package dev.sqlite2pg.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * sqlite2pg's own small writes to the target (its state and fences): one parameterised statement,
 * or a few in one transaction that either commits whole or leaves the target as it was.
 */
public final class TargetWrites {

  /** Work on a statement of the connection's, inside the transaction. */
  @FunctionalInterface
  public interface Work {
    void run(Statement s) throws SQLException;
  }

  private TargetWrites() {}

  /** {@code sql} with {@code params} bound in order, in the caller's transaction; rows changed. */
  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** {@code work} in one transaction of its own, rolled back on any failure. */
  public static void inTransaction(Connection c, Work work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      work.run(s);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
