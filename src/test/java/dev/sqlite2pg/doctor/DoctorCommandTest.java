package dev.sqlite2pg.doctor;

import static dev.sqlite2pg.testing.BadInputs.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sqlite2pg.testing.BadInputs;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.PasswordServer;
import dev.sqlite2pg.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sqlite2pg doctor} against real servers, each check made to fail on purpose: the happy path
 * all PASS (exit 0), and a FAIL where the target is not ready (exit 11), with later checks that
 * depend on it SKIPped, and never a password in the output.
 */
@NeedsServer
class DoctorCommandTest {

  private static final int READY = 0;
  private static final int NOT_READY = 11;
  private static final AtomicInteger ROLES = new AtomicInteger();

  // The shared server trusts every local login; this one asks for a SCRAM password over TCP.
  private static EmbeddedPostgres passwordServer;

  @TempDir Path dir;
  private Path shop;

  @BeforeAll
  static void startPasswordServer() throws Exception {
    passwordServer = PasswordServer.start("CREATE ROLE doctor_app LOGIN PASSWORD '" + SECRET + "'");
  }

  @AfterAll
  static void stopPasswordServer() throws IOException {
    passwordServer.close();
  }

  @BeforeEach
  void source() {
    shop = Fixtures.build("shop", dir);
  }

  private CliRun doctor(String target, String... more) {
    List<String> args = new ArrayList<>(List.of("doctor", target, "--source", shop.toString()));
    args.addAll(List.of(more));
    CliRun run = CliRun.run(args.toArray(String[]::new));
    BadInputs.assertNothingLeaks(run);
    assertThat(run.out()).doesNotContain(SECRET);
    return run;
  }

  /** Each check's line, by check name: "STATUS detail; fix: ...". */
  private static Map<String, String> lines(CliRun run) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String line : run.out().lines().toList()) {
      if (line.matches("^(PASS|WARN|FAIL|SKIP)  .*")) {
        String name = line.substring(6, 28).trim();
        byName.put(name, line.substring(0, 4) + "  " + line.substring(30));
      }
    }
    return byName;
  }

  /**
   * A fresh database, and a login role (no password needed: the shared server trusts it); {role}
   * and {db} in {@code setup} stand for their names.
   */
  private static String[] databaseAndRole(String hint, String roleOptions, String... setup)
      throws Exception {
    String db = BadInputs.databaseOf(TestPostgres.newDatabase(hint));
    String role = "doctor_" + hint + "_" + ROLES.incrementAndGet();
    try (Connection c = TestPostgres.connect(TestPostgres.jdbcUrl(db));
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + role + " LOGIN " + roleOptions);
      for (String sql : setup) {
        s.execute(sql.replace("{role}", role).replace("{db}", db));
      }
    }
    return new String[] {db, role};
  }

  private static String as(String role, String db) {
    return "postgresql://"
        + role
        + ":"
        + SECRET
        + "@localhost:"
        + TestPostgres.port()
        + "/"
        + db
        + "?sslmode=disable";
  }

  @Test
  void aReadyServerPassesEveryCheck() {
    String db = BadInputs.databaseOf(TestPostgres.newDatabase("doctor_ready"));
    CliRun run = doctor(as("postgres", db), "--jobs", "2");
    Map<String, String> lines = lines(run);
    assertThat(lines.keySet())
        .containsExactly(
            "DNS",
            "TCP",
            "TLS",
            "authentication",
            "server version",
            "CREATE",
            "resume state",
            "free disk",
            "connections",
            "timeouts",
            "transaction pooling",
            "maintenance_work_mem");
    assertThat(lines.values()).allMatch(l -> l.startsWith("PASS"));
    assertThat(lines.get("connections")).contains("--jobs 2 opens up to 5 connections");
    assertThat(lines.get("free disk")).contains("enough for 3x the SQLite file");
    assertThat(run.out()).contains("READY: 12 PASS, 0 WARN, 0 FAIL, 0 SKIP");
    assertThat(run.exitCode()).isEqualTo(READY);
  }

  @Test
  void aRoleWithoutCreateFails() throws Exception {
    // The application's role of a hosted database: it may connect, nothing more (PostgreSQL 15
    // and later no longer let PUBLIC create in schema public).
    String[] t = databaseAndRole("nocreate", "");
    CliRun run = doctor(as(t[1], t[0]));
    Map<String, String> lines = lines(run);
    assertThat(lines.get("CREATE"))
        .startsWith("FAIL")
        .contains("permission denied for schema public (SQLSTATE 42501)")
        .contains("GRANT CREATE ON SCHEMA public TO " + t[1]);
    // Without CREATE on the database, migrate runs without its records: a warning, not a failure.
    assertThat(lines.get("resume state"))
        .startsWith("WARN")
        .contains("without --resume")
        .contains("GRANT CREATE ON DATABASE " + t[0] + " TO " + t[1]);
    // Not a superuser: df cannot be run on the server, and the check says so.
    assertThat(lines.get("free disk")).startsWith("WARN").contains("could not see");
    assertThat(run.out()).contains("NOT READY:");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
  }

  @Test
  void aMissingSchemaNeedsCreateOnTheDatabase() throws Exception {
    String[] t = databaseAndRole("noschema", "");
    Map<String, String> lines = lines(doctor(as(t[1], t[0]), "--schema", "app"));
    assertThat(lines.get("CREATE"))
        .startsWith("FAIL")
        .contains("permission denied for database " + t[0])
        .contains("GRANT CREATE ON DATABASE " + t[0] + " TO " + t[1]);
  }

  @Test
  void aConnectionLimitBelowJobsFails() throws Exception {
    String[] t =
        databaseAndRole(
            "connlimit", "CONNECTION LIMIT 4", "GRANT CREATE ON SCHEMA public TO {role}");
    CliRun run = doctor(as(t[1], t[0]), "--jobs", "4");
    assertThat(lines(run).get("connections"))
        .startsWith("FAIL")
        .contains("--jobs 4 opens up to 9 connections")
        .contains("CONNECTION LIMIT 4 leaves 4")
        .contains("pass --jobs 1 or less")
        .contains("ALTER ROLE " + t[1] + " CONNECTION LIMIT 9");
    assertThat(lines(doctor(as(t[1], t[0]), "--jobs", "1")).get("connections")).startsWith("PASS");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
  }

  @Test
  void aStatementTimeoutOnTheRoleFails() throws Exception {
    String[] t =
        databaseAndRole(
            "roletimeout",
            "",
            "GRANT CREATE ON SCHEMA public TO {role}",
            "ALTER ROLE {role} SET statement_timeout = '5min'");
    CliRun run = doctor(as(t[1], t[0]));
    assertThat(lines(run).get("timeouts"))
        .startsWith("FAIL")
        .contains("statement_timeout = 5min (set on role " + t[1] + ")")
        .contains("ALTER ROLE " + t[1] + " IN DATABASE " + t[0] + " SET statement_timeout = 0");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
  }

  @Test
  void aStatementTimeoutOnTheDatabaseFailsAndALockTimeoutWarns() throws Exception {
    String[] t =
        databaseAndRole(
            "dbtimeout",
            "",
            "GRANT CREATE ON SCHEMA public TO {role}",
            "ALTER DATABASE {db} SET statement_timeout = '30s'",
            "ALTER DATABASE {db} SET lock_timeout = '10s'");
    String timeouts = lines(doctor(as(t[1], t[0]))).get("timeouts");
    assertThat(timeouts)
        .startsWith("FAIL")
        .contains("statement_timeout = 30s (set on database " + t[0] + ")")
        .contains("lock_timeout = 10s (set on database " + t[0] + ")");
  }

  @Test
  void aWrongPasswordIsNamedAndNeverShown() {
    String wrong =
        "postgresql://doctor_app:Wrong-"
            + SECRET
            + "@localhost:"
            + passwordServer.getPort()
            + "/postgres?sslmode=disable";
    CliRun run = doctor(wrong);
    Map<String, String> lines = lines(run);
    assertThat(lines.get("TCP")).startsWith("PASS");
    assertThat(lines.get("authentication"))
        .startsWith("FAIL")
        .contains("password authentication failed for user \"doctor_app\" (SQLSTATE 28P01)")
        .contains("the password is wrong");
    assertThat(lines.get("server version")).isEqualTo("SKIP  authentication failed");
    assertThat(run.out() + run.err()).doesNotContain("Wrong-");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
    String right = wrong.replace("Wrong-", "");
    assertThat(lines(doctor(right)).get("authentication")).startsWith("PASS");
  }

  @Test
  void aClosedPortFailsTcpAndSkipsTheRest() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliRun run = doctor("postgresql://app:" + SECRET + "@localhost:" + closed + "/shop");
    Map<String, String> lines = lines(run);
    assertThat(lines.get("DNS")).startsWith("PASS");
    assertThat(lines.get("TCP"))
        .startsWith("FAIL")
        .contains("localhost:" + closed)
        .contains("refuses connections")
        .contains("listen_addresses");
    assertThat(lines.get("TLS")).isEqualTo("SKIP  TCP failed");
    assertThat(lines.get("maintenance_work_mem")).isEqualTo("SKIP  TCP failed");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
  }

  @Test
  void aHostThatDoesNotResolveFailsDns() {
    // .invalid never resolves (RFC 2606).
    CliRun run = doctor("postgresql://app:" + SECRET + "@no-such-host.invalid/shop");
    Map<String, String> lines = lines(run);
    assertThat(lines.get("DNS"))
        .startsWith("FAIL")
        .contains("host no-such-host.invalid does not resolve");
    assertThat(lines.get("TCP")).isEqualTo("SKIP  DNS failed");
    assertThat(lines.get("authentication")).isEqualTo("SKIP  DNS failed");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
  }

  @Test
  void syncNeedsTriggerOnTheApplicationsTables() throws Exception {
    // A --data-only target: the application's migrations created its tables as their owner.
    String[] t =
        databaseAndRole(
            "synctrigger",
            "",
            "GRANT CREATE ON SCHEMA public TO {role}",
            "GRANT CREATE ON DATABASE {db} TO {role}",
            "CREATE TABLE orders (id bigint PRIMARY KEY)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO {role}");
    CliRun run = doctor(as(t[1], t[0]), "--sync");
    Map<String, String> lines = lines(run);
    assertThat(lines.get("sync: TRIGGER"))
        .startsWith("FAIL")
        .contains("may not create triggers on 1 table(s) of schema public: orders")
        .contains("GRANT TRIGGER ON ALL TABLES IN SCHEMA public TO " + t[1]);
    assertThat(lines.get("sync: state schema")).startsWith("PASS");
    // Sync uses triggers today: what logical decoding lacks is only a warning.
    assertThat(lines.get("sync: logical decoding")).startsWith("WARN").contains("wal_level");
    assertThat(run.exitCode()).isEqualTo(NOT_READY);
  }

  @Test
  void jsonHasTheSameChecks() throws Exception {
    String db = BadInputs.databaseOf(TestPostgres.newDatabase("doctor_json"));
    CliRun run = doctor(as("postgres", db), "--json", "--sync");
    Map<String, String> statuses = new LinkedHashMap<>();
    boolean ready = false;
    int exit = -1;
    try (JsonParser p = new JsonFactory().createParser(run.out())) {
      String name = null;
      for (JsonToken tok = p.nextToken(); tok != null; tok = p.nextToken()) {
        if (tok != JsonToken.FIELD_NAME) {
          continue;
        }
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "name" -> name = p.getText();
          case "status" -> statuses.put(name, p.getText());
          case "ready" -> ready = p.getBooleanValue();
          case "exit_code" -> exit = p.getIntValue();
          default -> {}
        }
      }
    }
    assertThat(statuses).hasSize(15).containsEntry("sync: TRIGGER", "PASS");
    assertThat(statuses).containsEntry("sync: logical decoding", "WARN");
    assertThat(ready).isTrue();
    assertThat(exit).isEqualTo(READY).isEqualTo(run.exitCode());
  }

  @Test
  void jobsBelowOneIsABadArgument() {
    CliRun run = doctor("postgresql://app@localhost:1/shop", "--jobs", "0");
    assertThat(run.errLines()).containsExactly("sqlite2pg: error: --jobs must be 1 or more, not 0");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
