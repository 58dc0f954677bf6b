package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.Targets;
import dev.sqlite2pg.testing.BadInputs;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real connections over the test server's Unix-domain socket (junixsocket under pgjdbc), and a real
 * migration through one. The server's own view proves the transport: {@code inet_server_addr()} is
 * NULL only for a Unix-domain socket connection.
 */
@NeedsServer
class SocketConnectionTest {

  @TempDir Path dir;

  private static String socketTarget(String database) {
    return "host="
        + TestPostgres.socketDirectory()
        + " port="
        + TestPostgres.port()
        + " dbname="
        + database
        + " user=postgres";
  }

  private ConnectionSpec spec(String target) {
    return ConnectionSpec.resolve(target, Map.of(), dir);
  }

  @Test
  void connectsOverTheSocketNotTcp() throws Exception {
    ConnectionSpec spec = spec(socketTarget("postgres"));
    try (Connection c = Connections.open(spec);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT inet_server_addr() IS NULL, current_user")) {
      r.next();
      assertThat(r.getBoolean(1)).as("a Unix-domain socket connection").isTrue();
      assertThat(r.getString(2)).isEqualTo("postgres");
    }
    String uri =
        "postgresql://postgres@"
            + PercentCodec.encode(TestPostgres.socketDirectory().toString())
            + ":"
            + TestPostgres.port()
            + "/postgres";
    try (Connection c = Connections.open(spec(uri))) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void migratesThroughTheSocketAndEveryRowArrives() throws SQLException {
    Path db = Fixtures.build("shop", dir);
    String database = TestPostgres.databaseOf(TestPostgres.newDatabase("socket_migrate"));
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(Targets.of(socketTarget(database)))
            .schema("app")
            .build()
            .migrate();
    assertThat(r.exitCode()).isZero();
    assertThat(r.tables()).isNotEmpty().allSatisfy(t -> assertThat(t.complete()).isTrue());
    // An independent count over TCP: the rows are on the server, not just reported.
    try (Connection c = TestPostgres.connect(TestPostgres.jdbcUrl(database));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM app.orders")) {
      rows.next();
      long copied =
          r.tables().stream()
              .filter(t -> t.targetTable().equals("orders"))
              .findFirst()
              .orElseThrow()
              .copiedRows();
      assertThat(rows.getLong(1)).isPositive().isEqualTo(copied);
    }
  }

  @Test
  void aDirectoryWithoutAServerSaysWhichSocketFileWasMissing() {
    ConnectionSpec spec = spec("host=" + dir + " port=5499 dbname=x user=me");
    assertThatThrownBy(() -> Connections.open(spec).close())
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e ->
                assertThat(((TargetConnectException) e).kind())
                    .isEqualTo(TargetConnectException.Kind.CONNECTION_REFUSED))
        .hasMessageContaining("no server answers on socket " + dir.resolve(".s.PGSQL.5499"))
        .hasMessageContaining("unix_socket_directories");
  }

  @Test
  void doctorChecksTheSocketInsteadOfTcpAndTls() {
    String database = TestPostgres.databaseOf(TestPostgres.newDatabase("socket_doctor"));
    Path shop = Fixtures.build("shop", dir);
    CliRun run = CliRun.run("doctor", socketTarget(database), "--source", shop.toString());
    BadInputs.assertNothingLeaks(run);
    String socket =
        TestPostgres.socketDirectory().resolve(".s.PGSQL." + TestPostgres.port()).toString();
    assertThat(run.out())
        .containsPattern(
            "PASS  DNS +" + TestPostgres.socketDirectory() + " is a Unix-domain socket")
        .containsPattern("PASS  TCP +socket " + socket + " accepts connections")
        .containsPattern("SKIP  TLS +a Unix-domain socket")
        .containsPattern("PASS  authentication");
    assertThat(run.exitCode()).isZero();
  }
}
