package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CliRun;
import org.junit.jupiter.api.Test;

/**
 * {@code prepare --print}: a psql script a DBA runs, written without a server, holding no password.
 * (scenarios/baseline runs it twice with Debian's psql.)
 */
class PrepareScriptTest {

  @Test
  void printsAnIdempotentScriptWithoutPasswords() {
    CliRun r =
        CliRun.run(
            "prepare",
            "--print",
            "postgresql://admin:Secret-42@db.internal:5433/postgres",
            "--database",
            "shop",
            "--owner",
            "shop_owner",
            "--app-role",
            "shop_app");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "SELECT 'CREATE DATABASE \"shop\" OWNER \"shop_owner\" TEMPLATE template0 ENCODING"
                + " ''UTF8''' WHERE NOT (SELECT EXISTS (SELECT FROM pg_database WHERE datname ="
                + " 'shop'))\n\\gexec")
        .contains("\\connect \"shop\"")
        .contains("--   \\password \"shop_owner\"")
        .contains("--   \\password \"shop_app\"")
        .contains("-- shop = host=db.internal port=5433 dbname=shop")
        .doesNotContain("Secret-42")
        .doesNotContain(" PASSWORD '")
        .doesNotContain("?");
    assertThat(r.out().indexOf("\\connect"))
        .as("server-wide steps first")
        .isGreaterThan(r.out().indexOf("CREATE DATABASE"))
        .isLessThan(r.out().indexOf("CREATE SCHEMA"));
  }

  @Test
  void refusesAnApplicationRoleThatOwnsTheTables() {
    CliRun r =
        CliRun.run("prepare", "--print", "--database", "shop", "--owner", "x", "--app-role", "x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("--app-role must differ");
  }
}
