package dev.sqlite2pg;

import static dev.sqlite2pg.testing.BadInputs.SECRET;
import static dev.sqlite2pg.testing.BadInputs.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.BadInputs;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL target that cannot be used: exit code 5 (2 for a malformed target), one line naming
 * the cause and the fix, the password never shown, and the SQLite file untouched.
 */
@NeedsServer
class BadInputTargetTest {

  private static final int BAD_ARGUMENTS = 2;
  private static final int TARGET_ERROR = 5;

  // The shared server trusts every local login; this one asks everyone but postgres for a
  // SCRAM password over TCP, like a production server.
  private static EmbeddedPostgres passwordServer;

  @TempDir Path dir;
  private Path shop;

  @BeforeAll
  static void startPasswordServer() throws Exception {
    passwordServer =
        dev.sqlite2pg.testing.PasswordServer.start(
            "CREATE ROLE app LOGIN PASSWORD '" + SECRET + "'");
  }

  @AfterAll
  static void stopPasswordServer() throws IOException {
    passwordServer.close();
  }

  @BeforeEach
  void source() {
    shop = Fixtures.build("shop", dir);
  }

  private CliRun migrate(String target, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "migrate";
    args[1] = "-q";
    args[2] = shop.toString();
    args[3] = target;
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRun.run(args);
  }

  /** A role on the shared server (trust: the password in the URL is sent, never needed). */
  private static void createRole(String sql) throws Exception {
    try (Connection c = TestPostgres.connect(TestPostgres.jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * A fresh database and a login role that may create schemas and tables in it, as a hosted
   * application's role may, after {@code setup} runs there as the superuser. Its name.
   */
  private static String databaseFor(String role, String hint, String... setup) throws Exception {
    String jdbc = TestPostgres.newDatabase(hint);
    String db = BadInputs.databaseOf(jdbc);
    createRole("CREATE ROLE " + role + " LOGIN");
    try (Connection c = TestPostgres.connect(jdbc);
        Statement s = c.createStatement()) {
      s.execute("GRANT CREATE ON DATABASE " + db + " TO " + role);
      s.execute("GRANT CREATE ON SCHEMA public TO " + role);
      for (String sql : setup) {
        s.execute(sql);
      }
    }
    return db;
  }

  private static String as(String role, String database) {
    return "postgresql://"
        + role
        + ":"
        + SECRET
        + "@localhost:"
        + TestPostgres.port()
        + "/"
        + database
        + "?sslmode=disable";
  }

  @Test
  void malformedTargetIsABadArgument() {
    String msg =
        assertOneLine(
            migrate("postgresql://app:" + SECRET + "@localhost:54x2/shop"), BAD_ARGUMENTS, "port");
    assertThat(msg).contains("****");
  }

  @Test
  void closedPortIsConnectionRefused() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertOneLine(
        migrate("postgresql://app:" + SECRET + "@localhost:" + closed + "/shop"),
        TARGET_ERROR,
        "connection refused",
        "is PostgreSQL running on localhost:" + closed);
  }

  @Test
  void unknownHost() {
    // .invalid never resolves (RFC 2606).
    assertOneLine(
        migrate("postgresql://app:" + SECRET + "@no-such-host.invalid/shop?connect_timeout=5"),
        TARGET_ERROR,
        "unknown host no-such-host.invalid",
        "check the host name");
  }

  @Test
  void wrongPasswordIsAuthenticationFailed() throws Exception {
    String wrong =
        "postgresql://app:Wrong-"
            + SECRET
            + "@localhost:"
            + passwordServer.getPort()
            + "/postgres?sslmode=disable";
    assertOneLine(migrate(wrong), TARGET_ERROR, "authentication failed", "password", "~/.pgpass");
    CliRun run = migrate(wrong);
    assertThat(run.err()).doesNotContain("Wrong-");
  }

  @Test
  void missingDatabaseSuggestsCreatedb() {
    assertOneLine(
        migrate(as("postgres", "no_such_db")),
        TARGET_ERROR,
        "database \"no_such_db\" does not exist",
        "createdb no_such_db");
  }

  @Test
  void noCreateOnTheDatabase() throws Exception {
    // A role made for the application: it may connect, and nothing more.
    String jdbc = TestPostgres.newDatabase("no_create_db");
    String db = BadInputs.databaseOf(jdbc);
    createRole("CREATE ROLE reader LOGIN");
    // A schema that does not exist yet: creating it needs CREATE on the database.
    String msg =
        assertOneLine(
            migrate(as("reader", db), "--schema", "app"),
            TARGET_ERROR,
            "STEP 3",
            "permission denied for database " + db,
            "SQLSTATE 42501",
            "GRANT CREATE ON DATABASE " + db + " TO reader");
    assertThat(msg).doesNotContain("\n");
    assertThat(BadInputs.tables(jdbc, "public")).isEmpty();
  }

  @Test
  void noCreateOnTheSchema() throws Exception {
    // May create schemas in the database but not tables in public (PostgreSQL 15 and later
    // no longer grant that to PUBLIC; older clusters often revoke it by hand).
    String jdbc = TestPostgres.newDatabase("no_create_schema");
    String db = BadInputs.databaseOf(jdbc);
    createRole("CREATE ROLE app LOGIN");
    try (Connection c = TestPostgres.connect(jdbc);
        Statement s = c.createStatement()) {
      s.execute("GRANT CREATE ON DATABASE " + db + " TO app");
      s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    }
    assertOneLine(
        migrate(as("app", db)),
        TARGET_ERROR,
        "STEP 3",
        "permission denied for schema public",
        "SQLSTATE 42501",
        "GRANT CREATE ON SCHEMA public TO app",
        "--schema");
    assertThat(BadInputs.tables(jdbc, "public")).isEmpty();
    // The advice works: a schema of its own.
    CliRun elsewhere = migrate(as("app", db), "--schema", "app");
    BadInputs.assertNothingLeaks(elsewhere);
    assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
  }

  @Test
  void tooManyConnections() throws Exception {
    String jdbc = TestPostgres.newDatabase("conn_limit");
    createRole("CREATE ROLE limited LOGIN CONNECTION LIMIT 1");
    try (Connection held =
        DriverManager.getConnection(jdbc.replace("user=postgres", "user=limited"))) {
      assertThat(held.isValid(5)).isTrue();
      assertOneLine(
          migrate(as("limited", BadInputs.databaseOf(jdbc))),
          TARGET_ERROR,
          "too many connections for role \"limited\"",
          "--jobs",
          "CONNECTION LIMIT");
    }
  }

  @Test
  void existingRowsAreNamedByTheirKeys() throws Exception {
    String jdbc = TestPostgres.newDatabase("exists");
    String target = BadInputs.uriFor(BadInputs.databaseOf(jdbc));
    CliRun first = migrate(target);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertOneLine(
        migrate(target),
        TARGET_ERROR,
        "customers: 3 of 3 source keys already in the target (id=1, id=2, id=3)",
        "1 more table holds rows",
        "pass --if-exists=skip-existing",
        "or --drop");
  }

  @Test
  void statementTimeout() throws Exception {
    // A cautious DBA's setting for application roles, far too short for a bulk load.
    String db =
        databaseFor("hurried", "timeout", "ALTER ROLE hurried SET statement_timeout = '1ms'");
    CliRun run = migrate(as("hurried", db));
    BadInputs.assertNothingLeaks(run);
    assertThat(run.err() + run.out())
        .contains("statement timeout (statement_timeout=1ms)")
        .contains("ALTER ROLE hurried SET statement_timeout = 0");
    assertThat(run.exitCode()).isIn(3, TARGET_ERROR);
  }

  @Test
  void statementTimeoutDuringTheCopyLeavesTheRunResumable() throws Exception {
    // The timeout strikes in STEP 4 itself: every new table gets a row trigger that takes
    // 0.2 s a row (as an audit trigger on a slow server might), so the DDL passes and every
    // COPY of more than one row outlives the role's 300 ms. The operator follows the advice
    // and resumes.
    String db =
        databaseFor(
            "unhurried",
            "copy_timeout",
            """
        CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(0.2); RETURN NEW; END $$""",
            """
        CREATE FUNCTION slow_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT * FROM pg_event_trigger_ddl_commands()
              WHERE command_tag = 'CREATE TABLE' AND schema_name = 'public' LOOP
            EXECUTE format('CREATE TRIGGER slow BEFORE INSERT ON %s FOR EACH ROW'
                || ' EXECUTE FUNCTION slow_row()', r.object_identity);
          END LOOP;
        END $$""",
            "CREATE EVENT TRIGGER slow_tables ON ddl_command_end"
                + " WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION slow_tables()");
    try (Connection c = TestPostgres.connect(TestPostgres.jdbcUrl(db));
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE unhurried IN DATABASE " + db + " SET statement_timeout = '300ms'");
    }
    CliRun run = migrate(as("unhurried", db), "--no-verify");
    BadInputs.assertNothingLeaks(run);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.out())
        .contains(
            "FAILED customers: copy failed after 3 rows:",
            "statement timeout (statement_timeout=300ms)",
            "ALTER ROLE unhurried SET statement_timeout = 0");
    try (Connection c = TestPostgres.connect(TestPostgres.jdbcUrl(db));
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE unhurried IN DATABASE " + db + " RESET statement_timeout");
    }
    CliRun resumed = migrate(as("unhurried", db), "--resume");
    BadInputs.assertNothingLeaks(resumed);
    assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
    assertThat(resumed.out()).contains("all 13 rows of 4 tables arrived and verified equal");
  }

  @Test
  void copyRefusedNamesTheTableAndSqlstate() throws Exception {
    // The role may create tables but not load them: here an event trigger takes INSERT away
    // from each new table, as a DBA's "application roles are read-only" policy would. STEP 3
    // succeeds; every COPY of STEP 4 is refused (as it starts: a table is one COPY, begun
    // before its first row is read).
    String db =
        databaseFor(
            "loader",
            "copy_refused",
            """
        CREATE FUNCTION read_only_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT * FROM pg_event_trigger_ddl_commands()
              WHERE command_tag = 'CREATE TABLE' LOOP
            EXECUTE format('REVOKE INSERT ON %s FROM %I', r.object_identity, current_user);
          END LOOP;
        END $$""",
            "CREATE EVENT TRIGGER read_only_tables ON ddl_command_end"
                + " WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION read_only_tables()");
    CliRun run = migrate(as("loader", db), "--no-verify");
    BadInputs.assertNothingLeaks(run);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.out())
        .contains(
            "FAILED customers: copy failed after 0 rows: permission"
                + " denied for table customers (SQLSTATE 42501): grant user loader the privilege on"
                + " customers, or run the migration as its owner");
  }

  @Test
  void verboseAddsTheStackTraceAfterTheLine() {
    CliRun run =
        CliRun.run(
            "migrate", "-v", dir.resolve("missing.db").toString(), BadInputs.uriFor("postgres"));
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err())
        .contains("sqlite2pg: error: SQLite file ")
        .contains("MigrationException")
        .contains("\tat ")
        .doesNotContain(SECRET);
  }
}
