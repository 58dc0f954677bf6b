package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.Targets;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection kept between a fleet's files comes back as a new session would be: a file's run
 * lock, its settings and its temporary tables must not reach the next file's run.
 */
@NeedsServer
class PooledConnectorTest {

  @Test
  void aReturnedConnectionLosesItsSessionState() throws Exception {
    String url = TestPostgres.newDatabase("pooled");
    try (PooledConnector pool = new PooledConnector(Targets.of(url), 4)) {
      int pid;
      try (Connection c = pool.open();
          Statement s = c.createStatement()) {
        pid = scalar(s, "SELECT pg_backend_pid()");
        s.execute("SET statement_timeout = '1s'");
        s.execute("SELECT pg_advisory_lock(42)");
        s.execute("CREATE TEMP TABLE scratch (x int)");
        c.setAutoCommit(false);
        s.execute("INSERT INTO scratch VALUES (1)"); // left open: rolled back on return
      }
      try (Connection c = pool.open();
          Statement s = c.createStatement()) {
        assertThat(scalar(s, "SELECT pg_backend_pid()"))
            .as("the same server process")
            .isEqualTo(pid);
        assertThat(c.getAutoCommit()).isTrue();
        try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("0");
        }
        assertThat(scalar(s, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();
        assertThat(scalar(s, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'")).isZero();
      }
    }
  }

  @Test
  void aClosedHandleRefusesWork() throws Exception {
    String url = TestPostgres.newDatabase("pooledclosed");
    try (PooledConnector pool = new PooledConnector(Targets.of(url), 4)) {
      Connection c = pool.open();
      c.close();
      assertThat(c.isClosed()).isTrue();
      assertThatThrownBy(c::createStatement)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("returned to the pool");
    }
  }

  /**
   * One file's run keeps its session between steps (a setting made by one step is seen by the next,
   * no reset in between), ends a step's open transaction, lends a second connection while the first
   * is out, and gives its session back to the pool, reset, when the file is done.
   */
  @Test
  void aFileKeepsItsSessionUntilItIsDone() throws Exception {
    String url = TestPostgres.newDatabase("kept");
    try (PooledConnector pool = new PooledConnector(Targets.of(url), 4)) {
      int pid;
      int otherPid;
      try (KeptConnector file = new KeptConnector(pool)) {
        try (Connection c = file.open();
            Statement s = c.createStatement()) {
          pid = scalar(s, "SELECT pg_backend_pid()");
          s.execute("SET statement_timeout = '1s'");
          c.setAutoCommit(false);
          s.execute("CREATE TEMP TABLE scratch (x int)"); // left open: rolled back on return
        }
        try (Connection c = file.open();
            Statement s = c.createStatement();
            Connection other = file.open();
            Statement o = other.createStatement()) {
          assertThat(scalar(s, "SELECT pg_backend_pid()")).isEqualTo(pid);
          assertThat(c.getAutoCommit()).isTrue();
          try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).as("kept as the step left it").isEqualTo("1s");
          }
          assertThat(scalar(s, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'"))
              .as("the open transaction was rolled back")
              .isZero();
          otherPid = scalar(o, "SELECT pg_backend_pid()");
          assertThat(otherPid).as("a second connection while the first is out").isNotEqualTo(pid);
        }
      }
      try (Connection c = pool.open();
          Statement s = c.createStatement();
          Connection other = pool.open();
          Statement o = other.createStatement()) {
        assertThat(
                List.of(scalar(s, "SELECT pg_backend_pid()"), scalar(o, "SELECT pg_backend_pid()")))
            .as("both back in the pool")
            .containsExactlyInAnyOrder(pid, otherPid);
        for (Statement each : List.of(s, o)) {
          try (ResultSet rs = each.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).as("reset by the pool").isEqualTo("0");
          }
        }
      }
    }
  }

  private static int scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
