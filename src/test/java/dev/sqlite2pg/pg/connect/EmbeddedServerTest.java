package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.pg.connect.TargetConnectException.Kind;
import dev.sqlite2pg.testing.NeedsServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server keeps the user's data across runs and refuses a directory in use. */
@NeedsServer
class EmbeddedServerTest {

  @TempDir Path dir;

  @Test
  void dataSurvivesARestartOnTheSameDirectory() throws Exception {
    ConnectionSpec app;
    try (EmbeddedServer server = EmbeddedServer.start(dir, 0)) {
      app = server.createDatabase("app");
      assertThat(server.createDatabase("app")).isEqualTo(app); // already there: no error
      try (Connection c = Connections.open(app);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (id int PRIMARY KEY, name text)");
        s.execute("INSERT INTO kept VALUES (1, 'survives')");
      }
      assertThat(server.dataDirectory()).isEqualTo(dir.toAbsolutePath());
    }
    assertThat(dir.resolve("pgdata/PG_VERSION")).exists();
    assertThat(dir.resolve("pgdata/postmaster.pid")).doesNotExist();

    try (EmbeddedServer again = EmbeddedServer.start(dir, 0);
        Connection c = Connections.open(again.createDatabase("app"));
        ResultSet rs = c.createStatement().executeQuery("SELECT name FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("survives");
    }
  }

  @Test
  void specPointsAtThePostgresDatabase() throws Exception {
    try (EmbeddedServer server = EmbeddedServer.start(dir, 0)) {
      ConnectionSpec spec = server.spec();
      assertThat(spec.displayUrl())
          .isEqualTo(
              "postgresql://postgres@localhost:" + server.port() + "/postgres?sslmode=disable");
      try (Connection c = Connections.open(spec);
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT current_setting('fsync'), current_setting('maintenance_work_mem')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("on");
        assertThat(rs.getString(2)).isEqualTo("256MB");
      }
    }
  }

  @Test
  void refusesADataDirectoryARunningServerHolds() throws Exception {
    try (EmbeddedServer first = EmbeddedServer.start(dir, 0)) {
      assertThatThrownBy(() -> EmbeddedServer.start(dir, 0))
          .isInstanceOf(TargetConnectException.class)
          .satisfies(
              e -> {
                assertThat(((TargetConnectException) e).kind())
                    .isEqualTo(Kind.DATA_DIRECTORY_IN_USE);
                assertThat(e.getMessage())
                    .contains("is in use by a running server")
                    .contains("port " + first.port())
                    .contains("pg_ctl -D")
                    .doesNotContain("\n");
              });
    }
  }

  @Test
  void refusesADirectoryThatHoldsSomethingElse() throws Exception {
    Files.createDirectories(dir.resolve("pgdata"));
    Files.writeString(dir.resolve("pgdata/notes.txt"), "not a cluster");
    assertThatThrownBy(() -> EmbeddedServer.start(dir, 0))
        .isInstanceOf(TargetConnectException.class)
        .hasMessageContaining("holds no PostgreSQL cluster (no PG_VERSION)");
  }

  @Test
  void refusesAPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedServer.start(dir, taken.getLocalPort()))
          .isInstanceOf(TargetConnectException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + ": the port is in use");
    }
  }
}
