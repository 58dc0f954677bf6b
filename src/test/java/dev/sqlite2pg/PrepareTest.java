package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.PasswordServer;
import dev.sqlite2pg.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sqlite2pg prepare} on a real server: run twice (the second changes nothing), then the shop
 * migrated as the migration role, and the application role reading and writing its rows but refused
 * when it creates a table.
 */
@NeedsServer
class PrepareTest {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir Path dir;

  private final String db =
      "prepared_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
  private final String owner = db + "_owner";
  private final String app = db + "_app";

  private static String admin() {
    return "postgresql://postgres@localhost:" + TestPostgres.port() + "/postgres";
  }

  private CliRun prepare() {
    return CliRun.run(
        "prepare", "-q", admin(), "--database", db, "--owner", owner, "--app-role", app);
  }

  @Test
  void twiceThenMigrateAsOwnerAndWriteAsApplication() throws Exception {
    CliRun first = prepare();
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("done     role " + owner + " (the migration role)")
        .contains("done     database " + db + " (UTF8)")
        .contains("[databases]")
        .doesNotContain("OK: nothing to change");

    CliRun second = prepare();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("OK: nothing to change");
    assertThat(second.out().lines().filter(l -> l.startsWith("  done"))).isEmpty();
    assertThat(second.out().lines().filter(l -> l.startsWith("  already"))).hasSize(16);

    Path shop = Fixtures.build("shop", dir);
    String asOwner = "postgresql://" + owner + "@localhost:" + TestPostgres.port() + "/" + db;
    CliRun migrate = CliRun.run("migrate", "-q", shop.toString(), asOwner);
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    assertThat(migrate.out()).contains("OK: all 13 rows of 4 tables arrived and verified equal.");

    try (Connection c = connectAs(app);
        Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT count(*) FROM customers")).isEqualTo(3);
      s.execute("INSERT INTO customers (email, name) VALUES ('new@example.com', 'New')");
      assertThat(s.executeUpdate("UPDATE products SET price = price + 1 WHERE id = 1")).isOne();
      assertThat(s.executeUpdate("DELETE FROM order_lines WHERE order_id = 1")).isPositive();
      assertThat(count(s, "SELECT count(*) FROM customers")).isEqualTo(4);
      assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (id int)"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.execute("DROP TABLE customers"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    CliRun afterMigrate = prepare();
    assertThat(afterMigrate.out())
        .as("migrate's tables are covered by the default privileges")
        .contains("OK: nothing to change");
  }

  @Test
  void appRoleMayNotCreateInPublicNorConnectElsewhere() throws Exception {
    assertThat(prepare().exitCode()).isZero();
    try (Connection c = TestPostgres.connect(TestPostgres.jdbcUrl(db));
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT has_schema_privilege('"
                  + app
                  + "', 'public', 'CREATE'), has_database_privilege('"
                  + app
                  + "', '"
                  + db
                  + "', 'CREATE'), (SELECT nspowner::regrole::text FROM pg_namespace"
                  + " WHERE nspname = 'public'), (SELECT datdba::regrole::text FROM pg_database"
                  + " WHERE datname = current_database())");
      rs.next();
      assertThat(rs.getBoolean(1)).as("CREATE on public").isFalse();
      assertThat(rs.getBoolean(2)).as("CREATE on the database").isFalse();
      assertThat(rs.getString(3)).isEqualTo(owner);
      assertThat(rs.getString(4)).isEqualTo(owner);
    }
  }

  /** A server that checks passwords: the roles log in with theirs, sent as SCRAM verifiers. */
  @Test
  void passwordsAreSetAsScramVerifiersAndAskedOnlyForNewRoles() throws Exception {
    EmbeddedPostgres server = PasswordServer.start("SELECT 1");
    try {
      List<String> asked = new ArrayList<>();
      PrepareOptions options =
          new PrepareOptions(
              "shop",
              "shop_owner",
              Optional.of("shop_app"),
              "public",
              role -> {
                asked.add(role);
                return ("pw-" + role).toCharArray();
              });
      TargetConnector admin =
          Targets.of("postgresql://postgres@localhost:" + server.getPort() + "/postgres");
      PrepareResult first = Preparation.run(admin, options);
      assertThat(asked).containsExactly("shop_owner", "shop_app");
      assertThat(first.steps())
          .filteredOn(s -> s.what().startsWith("role shop_owner ("))
          .singleElement()
          .satisfies(s -> assertThat(s.detail()).contains("SCRAM-SHA-256"));
      assertThat(first.toString()).doesNotContain("pw-shop");

      String url = "jdbc:postgresql://localhost:" + server.getPort() + "/shop";
      try (Connection c = DriverManager.getConnection(url, "shop_app", "pw-shop_app")) {
        assertThat(c.isValid(5)).isTrue();
      }
      assertThatThrownBy(() -> DriverManager.getConnection(url, "shop_app", "wrong"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'shop_owner'")) {
        rs.next();
        assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$4096:");
      }

      asked.clear();
      PrepareResult second = Preparation.run(admin, options);
      assertThat(asked).as("existing roles keep their passwords").isEmpty();
      assertThat(second.changed()).isZero();
    } finally {
      server.close();
    }
  }

  private Connection connectAs(String role) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + db + "?user=" + role);
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
