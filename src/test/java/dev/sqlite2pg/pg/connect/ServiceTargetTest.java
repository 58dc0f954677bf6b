package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.Targets;
import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service= and PGSERVICE, resolved as libpq's parseServiceInfo does: the user's file, then the
 * system's; explicit keywords over the service's, the service's over the PG* variables.
 */
class ServiceTargetTest {

  private static final String USER_FILE =
      """
      # a file with several services, as a team keeps one per environment
      [staging]
      host=staging.example.com
      dbname=app_staging

      [prod]
      host=db.example.com
      port=6543
      dbname=app
      user=migrator
      password=pr0d-s3cret
      sslmode=require
      connect_timeout=3
      application_name=nightly

      [prod]
      host=second-definition-is-ignored.example.com
      """;

  @TempDir Path home;
  @TempDir Path sysconf;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void files() throws IOException {
    Files.writeString(home.resolve(".pg_service.conf"), USER_FILE, StandardCharsets.UTF_8);
    // Never the machine's /etc/postgresql-common: the tests must not read this host's files.
    env.put("PGSYSCONFDIR", sysconf.toString());
  }

  private ConnectionSpec resolve(String target) {
    return ConnectionSpec.resolve(target, env, home, LocalSocket.Defaults.NONE);
  }

  @Test
  void readsTheNamedSectionOfSeveral() {
    ConnectionSpec spec = resolve("service=prod");
    assertThat(spec.hosts()).containsExactly(new Host("db.example.com", 6543));
    assertThat(spec.database()).isEqualTo("app");
    assertThat(spec.user()).isEqualTo("migrator");
    assertThat(spec.password()).isEqualTo("pr0d-s3cret");
    assertThat(spec.sslMode()).isEqualTo("require");
    // libpq's keywords become pgjdbc's properties, as in a target
    assertThat(spec.jdbcProperties())
        .containsEntry("connectTimeout", "3")
        .containsEntry("ApplicationName", "nightly")
        .doesNotContainKey("service");
    assertThat(resolve("service=staging").hosts())
        .containsExactly(new Host("staging.example.com", 5432));
  }

  @Test
  void everySyntaxNamesAService() {
    for (String target :
        new String[] {
          "postgresql:///?service=prod",
          "postgres://?service=prod",
          "jdbc:postgresql://?service=prod",
          "  service=prod  "
        }) {
      assertThat(resolve(target).hosts())
          .as(target)
          .containsExactly(new Host("db.example.com", 6543));
    }
  }

  @Test
  void explicitKeywordsOverrideTheServiceWhichOverridesTheEnvironment() {
    env.put("PGPORT", "7000");
    env.put("PGUSER", "from_env");
    env.put("PGDATABASE", "from_env_db");
    ConnectionSpec spec = resolve("service=staging user=alice");
    assertThat(spec.user()).as("explicit over environment").isEqualTo("alice");
    assertThat(spec.database()).as("service over environment").isEqualTo("app_staging");
    assertThat(spec.hosts())
        .as("environment where the service is silent")
        .containsExactly(new Host("staging.example.com", 7000));
    assertThat(resolve("postgresql://other@h:1/mine?service=prod"))
        .satisfies(
            s -> {
              assertThat(s.hosts()).containsExactly(new Host("h", 1));
              assertThat(s.database()).isEqualTo("mine");
              assertThat(s.user()).isEqualTo("other");
              assertThat(s.sslMode()).isEqualTo("require");
            });
  }

  @Test
  void pgServiceNamesTheServiceWhenTheTargetDoesNot() {
    env.put("PGSERVICE", "prod");
    assertThat(resolve(null).database()).as("PGSERVICE alone is a target").isEqualTo("app");
    assertThat(resolve("dbname=other").hosts()).containsExactly(new Host("db.example.com", 6543));
    assertThat(resolve("service=staging").database())
        .as("the target's service wins")
        .isEqualTo("app_staging");
  }

  @Test
  void theSystemFileIsSearchedWhenTheUserFileLacksTheService() throws IOException {
    Files.writeString(
        sysconf.resolve("pg_service.conf"),
        "[shared]\nhost=shared.example.com\n[prod]\nhost=not-this-one\n",
        StandardCharsets.UTF_8);
    assertThat(resolve("service=shared").hosts())
        .containsExactly(new Host("shared.example.com", 5432));
    assertThat(resolve("service=prod").hosts())
        .as("the user's file comes first")
        .containsExactly(new Host("db.example.com", 6543));
  }

  @Test
  void pgServiceFileReplacesTheUsersFile() throws IOException {
    Path elsewhere = home.resolve("services.conf");
    Files.writeString(elsewhere, "[prod]\nhost=elsewhere.example.com\n", StandardCharsets.UTF_8);
    env.put("PGSERVICEFILE", elsewhere.toString());
    assertThat(resolve("service=prod").hosts())
        .containsExactly(new Host("elsewhere.example.com", 5432));
    assertThatThrownBy(() -> resolve("service=staging"))
        .as("~/.pg_service.conf is not read when PGSERVICEFILE is set")
        .hasMessageContaining("\"staging\" not found");
  }

  @Test
  void aMissingServiceIsOneLineNamingItAndTheFilesSearched() {
    assertThatThrownBy(() -> resolve("service=nope dbname=x"))
        .isInstanceOf(ServiceFileException.class)
        .hasMessage(
            "definition of service \"nope\" not found in "
                + home.resolve(".pg_service.conf")
                + ", "
                + sysconf.resolve("pg_service.conf")
                + "; add a [nope] section to one of them, or set PGSERVICEFILE to the file that"
                + " has it");
  }

  @Test
  void theLibraryReportsAMissingServiceAsATargetError() {
    assertThatThrownBy(() -> Targets.of("service=sqlite2pg_test_no_such_service"))
        .isInstanceOf(MigrationException.class)
        .satisfies(
            e ->
                assertThat(((MigrationException) e).code())
                    .isEqualTo(MigrationException.Code.TARGET))
        .hasMessageContaining("definition of service \"sqlite2pg_test_no_such_service\"");
  }

  @Test
  void linesLibpqRefusesNameTheFileAndLineButNeverTheirText() throws IOException {
    Files.writeString(
        home.resolve(".pg_service.conf"),
        "[a]\nhost=h\npasswd=leaked-secret\n[b]\nservice=a\n[c]\njust-words-secret\n",
        StandardCharsets.UTF_8);
    Path file = home.resolve(".pg_service.conf");
    assertThatThrownBy(() -> resolve("service=a"))
        .isInstanceOf(ServiceFileException.class)
        .hasMessageStartingWith("service file " + file + ", line 3 (service \"a\"): keyword")
        .hasMessageContaining("\"passwd\" is not a supported libpq keyword")
        .hasMessageNotContaining("leaked-secret");
    assertThatThrownBy(() -> resolve("service=b"))
        .hasMessageContaining("line 5")
        .hasMessageContaining("cannot name another service");
    assertThatThrownBy(() -> resolve("service=c"))
        .hasMessageContaining("line 7")
        .hasMessageContaining("not keyword=value")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aBadValueInTheServiceSaysWhereItCameFrom() throws IOException {
    Files.writeString(
        home.resolve(".pg_service.conf"), "[p]\nport=fivefour\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> resolve("service=p"))
        .hasMessageContaining(
            "port \"fivefour\" (from service p in " + home.resolve(".pg_service.conf") + ")");
  }

  @Test
  void theServicesPasswordIsNeverShown() {
    ConnectionSpec spec = resolve("service=prod");
    assertThat(spec.displayUrl())
        .isEqualTo(
            "postgresql://migrator:****@db.example.com:6543/app?sslmode=require"
                + "&ApplicationName=nightly&connectTimeout=3");
    assertThat(spec.toString()).doesNotContain("pr0d-s3cret");
    assertThat(spec.jdbcUrl()).doesNotContain("pr0d-s3cret");
  }
}
