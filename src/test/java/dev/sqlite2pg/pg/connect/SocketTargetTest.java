package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unix-domain socket targets in every syntax libpq takes, without a server: a host that starts with
 * '/' is the socket's directory (Debian's local server listens in /var/run/postgresql).
 */
class SocketTargetTest {

  private static final Host DEBIAN = new Host("/var/run/postgresql", 5432);

  @TempDir Path home;

  private ConnectionSpec resolve(String target) {
    return resolve(target, Map.of(), LocalSocket.Defaults.NONE);
  }

  private ConnectionSpec resolve(
      String target, Map<String, String> env, LocalSocket.Defaults sockets) {
    return ConnectionSpec.resolve(target, env, home, sockets);
  }

  @Test
  void aHostStartingWithSlashIsASocketDirectoryInEverySyntax() {
    for (String target :
        new String[] {
          "host=/var/run/postgresql dbname=app",
          "host=/var/run/postgresql/ dbname=app",
          "postgresql://%2Fvar%2Frun%2Fpostgresql/app",
          "postgresql:///app?host=/var/run/postgresql",
          "postgresql://me@/app?host=%2Fvar%2Frun%2Fpostgresql",
        }) {
      ConnectionSpec spec = resolve(target);
      assertThat(spec.hosts()).as(target).containsExactly(DEBIAN);
      assertThat(spec.database()).as(target).isEqualTo("app");
    }
    assertThat(resolve(null, Map.of("PGHOST", "/var/run/postgresql"), LocalSocket.Defaults.NONE))
        .extracting(ConnectionSpec::hosts)
        .isEqualTo(java.util.List.of(DEBIAN));
  }

  @Test
  void theSocketFileCarriesThePort() {
    ConnectionSpec spec = resolve("host=/tmp port=5499 dbname=x");
    Host socket = spec.socket().orElseThrow();
    assertThat(socket.socketFile()).isEqualTo(Path.of("/tmp/.s.PGSQL.5499"));
    assertThat(socket).hasToString("/tmp/.s.PGSQL.5499");
  }

  @Test
  void theDriverGetsJunixsocketsFactoryAndNoSsl() {
    ConnectionSpec spec = resolve("host=/var/run/postgresql dbname=app");
    assertThat(spec.jdbcProperties())
        .containsEntry("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg")
        .containsEntry("socketFactoryArg", "/var/run/postgresql/.s.PGSQL.5432")
        .containsEntry("sslmode", "disable");
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
    assertThat(spec.warnings()).isEmpty();
    assertThat(resolve("host=db dbname=app").jdbcProperties())
        .doesNotContainKeys("socketFactory", "socketFactoryArg");
  }

  @Test
  void aDemandForSslOverASocketIsAnsweredAloud() {
    ConnectionSpec spec = resolve("host=/var/run/postgresql sslmode=require");
    assertThat(spec.sslMode()).isEqualTo("disable");
    assertThat(spec.warnings())
        .containsExactly(
            "sslmode=require does not apply to a Unix-domain socket: the connection is local"
                + " and unencrypted, as with psql");
  }

  @Test
  void theDisplayedUrlIsALibpqUriForTheSameSocket() {
    ConnectionSpec spec = resolve("host=/var/run/postgresql dbname=app user=me");
    assertThat(spec.displayUrl())
        .isEqualTo("postgresql://me@%2Fvar%2Frun%2Fpostgresql:5432/app?sslmode=disable");
    assertThat(resolve(spec.displayUrl()).hosts()).containsExactly(DEBIAN);
  }

  @Test
  void noHostMeansTheDefaultSocketWhenOneIsThereElseLocalhost() {
    LocalSocket.Defaults debian =
        port -> port == 5432 ? Optional.of("/var/run/postgresql") : Optional.empty();
    assertThat(resolve("postgresql:///mydb", Map.of(), debian).hosts()).containsExactly(DEBIAN);
    assertThat(resolve("dbname=mydb", Map.of(), debian).hosts()).containsExactly(DEBIAN);
    assertThat(resolve("dbname=mydb port=6000", Map.of(), debian).hosts())
        .as("no socket for that port")
        .containsExactly(new Host("localhost", 6000));
    assertThat(resolve("postgresql:///mydb").hosts()).containsExactly(new Host("localhost", 5432));
  }

  @Test
  void theDefaultsLookForTheSocketFileItself() throws IOException {
    int port = 65_123; // a port no server on this machine uses
    Path file = Path.of("/tmp/.s.PGSQL." + port);
    assertThat(LocalSocket.Defaults.FILE_SYSTEM.directory(port)).isEmpty();
    Files.createFile(file);
    try {
      assertThat(LocalSocket.Defaults.FILE_SYSTEM.directory(port)).contains("/tmp");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void peerAuthenticationNeedsNoUserTheOsUserIsTheRole() {
    ConnectionSpec spec = resolve("host=/var/run/postgresql");
    String osUser = System.getProperty("user.name");
    assertThat(spec.user()).isEqualTo(osUser);
    assertThat(spec.database()).isEqualTo(osUser);
    assertThat(spec.password()).isNull();
  }

  @Test
  void aSocketCannotBeOneOfSeveralHostsNorAbstract() {
    assertThatThrownBy(() -> resolve("host=/var/run/postgresql,db2 dbname=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("socket directory \"/var/run/postgresql\" cannot be one of several");
    assertThatThrownBy(() -> resolve("host=@pg dbname=x"))
        .hasMessageContaining("abstract Unix-domain socket, which is not supported");
  }

  @Test
  void pgpassMatchesTheDefaultDirectoryAsLocalhostAndOthersByDirectory() throws IOException {
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(
        pgpass,
        "localhost:5432:app:me:for-default-dir\n/srv/pg:5432:app:me:for-srv\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    assertThat(resolve("host=/var/run/postgresql dbname=app user=me").password())
        .isEqualTo("for-default-dir");
    assertThat(resolve("host=/tmp dbname=app user=me").password()).isEqualTo("for-default-dir");
    assertThat(resolve("host=/srv/pg dbname=app user=me").password()).isEqualTo("for-srv");
  }
}
