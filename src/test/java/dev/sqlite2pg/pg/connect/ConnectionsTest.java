package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.pg.connect.TargetConnectException.Kind;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to real servers, and the one-line explanations when that fails. */
@NeedsServer
class ConnectionsTest {

  private static final String SECRET = "Right-Pa55word";

  // The shared test server trusts every local login, so authentication cannot fail there.
  // This one asks for SCRAM passwords from everyone but postgres over TCP.
  private static EmbeddedPostgres passwordServer;

  @TempDir Path home;

  @BeforeAll
  static void startPasswordServer() throws Exception {
    passwordServer =
        dev.sqlite2pg.testing.PasswordServer.start(
            "CREATE ROLE alice LOGIN PASSWORD '" + SECRET + "' CONNECTION LIMIT 1");
  }

  @AfterAll
  static void stopPasswordServer() throws IOException {
    passwordServer.close();
  }

  private ConnectionSpec spec(String target) {
    return ConnectionSpec.resolve(target, Map.of(), home);
  }

  private String alice(String password) {
    return "postgresql://alice"
        + (password == null ? "" : ":" + password)
        + "@localhost:"
        + passwordServer.getPort()
        + "/postgres?sslmode=disable";
  }

  @Test
  void opensAWorkingConnection() throws Exception {
    ConnectionSpec spec = spec(TestPostgres.newDatabase("connections_open"));
    try (Connection c = Connections.open(spec);
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT current_database(), current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(spec.database());
      assertThat(rs.getString(2)).isEqualTo("sqlite2pg");
    }
  }

  @Test
  void logsInWithAPasswordFromTheUrl() throws Exception {
    try (Connection c = Connections.open(spec(alice(SECRET)))) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void wrongPasswordIsAnAuthenticationFailure() {
    assertThatThrownBy(() -> Connections.open(spec(alice("Wrong-Pa55word"))))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
              assertThat(e.getMessage())
                  .startsWith("cannot connect to postgresql://alice:****@localhost:")
                  .contains("password authentication failed for user \"alice\"")
                  .contains("~/.pgpass")
                  .doesNotContain("Wrong-Pa55word")
                  .doesNotContain("\n");
            });
  }

  @Test
  void missingPasswordSaysWhereToPutIt() {
    assertThatThrownBy(() -> Connections.open(spec(alice(null))))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
              assertThat(e.getMessage()).contains("PGPASSWORD");
            });
  }

  @Test
  void aPasswordFromPgpassLogsIn() throws Exception {
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "localhost:" + passwordServer.getPort() + ":*:alice:" + SECRET);
    Files.setPosixFilePermissions(
        pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (Connection c = Connections.open(spec(alice(null)))) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void tooManyConnectionsIsItsOwnKind() throws Exception {
    try (Connection first = Connections.open(spec(alice(SECRET)))) {
      assertThat(first.isValid(5)).isTrue();
      assertThatThrownBy(() -> Connections.open(spec(alice(SECRET))))
          .isInstanceOf(TargetConnectException.class)
          .satisfies(
              e -> {
                assertThat(((TargetConnectException) e).kind())
                    .isEqualTo(Kind.TOO_MANY_CONNECTIONS);
                assertThat(e.getMessage())
                    .contains("too many connections")
                    .contains("max_connections")
                    .doesNotContain(SECRET);
              });
    }
  }

  @Test
  void missingDatabaseSuggestsCreatedb() {
    ConnectionSpec spec =
        spec(
            "postgresql://postgres@localhost:"
                + TestPostgres.port()
                + "/no_such_db?sslmode=disable");
    assertThatThrownBy(() -> Connections.open(spec))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind())
                  .isEqualTo(Kind.DATABASE_DOES_NOT_EXIST);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "cannot connect to postgresql://postgres@localhost:"
                          + TestPostgres.port()
                          + "/no_such_db?sslmode=disable: database \"no_such_db\""
                          + " does not exist; create it with `createdb no_such_db` or name an existing one");
            });
  }

  @Test
  void closedPortIsConnectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ConnectionSpec spec = spec("postgresql://me:" + SECRET + "@localhost:" + closedPort + "/db");
    assertThatThrownBy(() -> Connections.open(spec))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind()).isEqualTo(Kind.CONNECTION_REFUSED);
              assertThat(e.getMessage())
                  .contains("connection refused")
                  .contains("running on localhost:" + closedPort)
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void unknownHostSaysSo() {
    // .invalid never resolves (RFC 2606).
    ConnectionSpec spec = spec("postgresql://me@no-such-host.invalid/db?connect_timeout=5");
    assertThatThrownBy(() -> Connections.open(spec))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind()).isEqualTo(Kind.UNKNOWN_HOST);
              assertThat(e.getMessage()).contains("unknown host no-such-host.invalid");
            });
  }

  @Test
  void sslRequiredButNotOfferedIsAnSslProblem() {
    ConnectionSpec spec =
        spec(
            "postgresql://postgres@localhost:" + TestPostgres.port() + "/postgres?sslmode=require");
    assertThatThrownBy(() -> Connections.open(spec))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind()).isEqualTo(Kind.SSL);
              assertThat(e.getMessage()).contains("sslmode");
            });
  }

  @Test
  void everyFailureIsOneLineWithoutThePassword() {
    List<String> messages = new ArrayList<>();
    for (String target :
        List.of(
            alice("Wrong-" + SECRET),
            "postgresql://postgres:" + SECRET + "@localhost:" + TestPostgres.port() + "/nope")) {
      assertThatThrownBy(() -> Connections.open(spec(target)).close())
          .isInstanceOf(TargetConnectException.class)
          .satisfies(e -> messages.add(e.getMessage()));
    }
    assertThat(messages)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).doesNotContain(SECRET).doesNotContain("\n"));
  }
}
