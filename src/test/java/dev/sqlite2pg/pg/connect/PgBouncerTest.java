package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PgBouncer URL, without a PgBouncer: which pool is paused, how the console is reached, what is
 * printed. The real console is exercised by scenarios/cutover against Debian's pgbouncer.
 */
class PgBouncerTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path home;

  private PgBouncer parse(String url) {
    return PgBouncer.parse(url, NO_ENV, home);
  }

  @Test
  void thePathIsThePoolAndTheConsoleIsTheDatabasePgbouncer() {
    PgBouncer bouncer = parse("postgresql://admin:s3cret@127.0.0.1:6432/app");
    assertThat(bouncer.database()).isEqualTo("app");
    ConnectionSpec console = bouncer.consoleSpec();
    assertThat(console.hosts()).containsExactly(new Host("127.0.0.1", 6432));
    assertThat(console.database()).isEqualTo("pgbouncer");
    assertThat(console.user()).isEqualTo("admin");
    assertThat(console.password()).isEqualTo("s3cret");
  }

  @Test
  void theConsoleIsSpokenToInSimpleQueriesWithoutPgjdbcsInitialSet() {
    assertThat(PgBouncer.CONSOLE_PROPERTIES)
        .containsEntry("preferQueryMode", "simple")
        // makes pgjdbc skip `SET extra_float_digits`, which PgBouncer 1.18's console refuses
        .containsEntry("replication", "database");
    // with it pgjdbc would send `replication` in the startup packet: dropped from the URL's
    ConnectionSpec console =
        parse("jdbc:postgresql://h:6432/app?user=admin&assumeMinServerVersion=14").consoleSpec();
    assertThat(console.jdbcProperties()).doesNotContainKey("assumeMinServerVersion");
  }

  @Test
  void displayShowsThePoolAndHidesThePassword() {
    PgBouncer bouncer = parse("postgresql://admin:s3cret@127.0.0.1:6432/app");
    assertThat(bouncer.display())
        .isEqualTo("postgresql://admin:****@127.0.0.1:6432/app?sslmode=prefer")
        .doesNotContain("s3cret");
  }

  @Test
  void commandsQuoteThePoolAsTheConsoleParsesIt() {
    assertThat(parse("postgresql://a@h:6432/app").command("PAUSE")).isEqualTo("PAUSE \"app\"");
    // the console reads "..." with "" for a quote, and keeps case and spaces inside
    assertThat(parse("postgresql://a@h:6432/My%20%22Pool%22").command("RESUME"))
        .isEqualTo("RESUME \"My \"\"Pool\"\"\"");
  }

  @Test
  void aMissingPasswordIsLookedUpForTheConsoleDatabase() throws IOException {
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(
        pgpass,
        "h:6432:app:admin:pool-password\nh:6432:pgbouncer:admin:console-password\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    assertThat(parse("postgresql://admin@h:6432/app").consoleSpec().password())
        .isEqualTo("console-password");
  }

  @Test
  void theEnvironmentFillsWhatTheUrlLeavesOut() {
    PgBouncer bouncer =
        PgBouncer.parse(
            "postgresql://h:6432/app", Map.of("PGUSER", "admin", "PGPASSWORD", "pw"), home);
    assertThat(bouncer.consoleSpec().user()).isEqualTo("admin");
    assertThat(bouncer.consoleSpec().password()).isEqualTo("pw");
  }

  @Test
  void aUrlWithoutAPoolIsRefusedWithTheExpectedForm() {
    assertThatThrownBy(() -> parse("postgresql://admin:s3cret@h:6432"))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.code()).isEqualTo(Code.BAD_ARGUMENTS))
        .hasMessage(
            "PgBouncer URL \"postgresql://admin:****@h:6432\" is not valid: it names no pool"
                + " database (expected postgresql://ADMINUSER[:PASSWORD]@HOST:PORT/POOLDB)");
  }

  @Test
  void theConsoleItselfIsNoPool() {
    assertThatThrownBy(() -> parse("postgresql://admin@h:6432/pgbouncer"))
        .hasMessageContaining("its database is the console itself");
  }

  @Test
  void aMalformedUrlIsOneLineWithoutThePassword() {
    assertThatThrownBy(() -> parse("postgresql://admin:s3cret@h:notaport/app"))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.code()).isEqualTo(Code.BAD_ARGUMENTS))
        .hasMessageStartingWith("PgBouncer URL \"postgresql://admin:****@h:notaport/app\"")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> parse(" ")).hasMessageContaining("the PgBouncer URL is empty");
  }

  @Test
  void nothingListeningIsATargetErrorWithoutThePassword() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "postgresql://admin:s3cret@127.0.0.1:" + port + "/app?sslmode=disable";
    assertThatThrownBy(() -> PgBouncer.connect(url, NO_ENV, home))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.code()).isEqualTo(Code.TARGET))
        .hasMessageStartingWith(
            "PgBouncer console: cannot connect to postgresql://admin:****@127.0.0.1:")
        .hasMessageContaining("/pgbouncer?sslmode=disable: connection refused")
        .hasMessageContaining("connection refused")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("\n");
  }
}
