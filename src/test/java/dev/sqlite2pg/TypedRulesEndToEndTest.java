package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.HazardsEndToEndTest.Run;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHECKs and DEFAULTs translated knowing each column's planned type (fixture typed_checks): every
 * rule is created, holds the rows SQLite held, and refuses what SQLite refused.
 */
@NeedsServer
class TypedRulesEndToEndTest {

  @TempDir Path dir;

  @Test
  void everyCheckAndDefaultIsCreatedOnThePlannedTypes() throws Exception {
    Run run = HazardsEndToEndTest.migrate(Fixtures.build("typed_checks", dir), "typed_checks");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.result().notMigrated()).isEmpty();
    assertThat(run.type("layers", "hidden")).isEqualTo("boolean");
    assertThat(run.type("layers", "zip")).isEqualTo("bigint");
    assertThat(
            run.list(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c'"
                    + " AND conrelid = 'layers'::regclass ORDER BY 1"))
        .hasSize(5)
        .anyMatch(d -> d.contains("hidden = ANY (ARRAY[false, true])"))
        .anyMatch(d -> d.contains("length((zip)::text) = 5"));
    run.independentlyEqual("layers", "id");
  }

  @Test
  void theRulesRefuseWhatSqliteRefused() throws Exception {
    Run run = HazardsEndToEndTest.migrate(Fixtures.build("typed_checks", dir), "typed_checks_2");
    try (Connection c = TestPostgres.connect(run.url());
        Statement s = c.createStatement()) {
      // The defaults: a boolean false, a 15-character random id starting with r.
      s.execute("INSERT INTO layers (zip, metadata) VALUES (12345, 'null')");
      assertThat(
              run.one(
                  "SELECT hidden::text || ' ' || visible::text || ' ' || length(id)"
                      + " || left(id, 1) FROM layers WHERE zip = 12345"))
          .isEqualTo("false true 15r");
      assertThatThrownBy(
              () -> s.execute("INSERT INTO layers (zip, metadata) VALUES (123456, '{}')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("check");
      assertThatThrownBy(
              () -> s.execute("INSERT INTO layers (zip, metadata) VALUES (12345, '{oops')"))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO layers (hidden, visible, metadata) VALUES (false, false, '1')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("check");
    }
  }
}
