package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.HazardsEndToEndTest.Run;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files that stopped a run or lost rules before issue 11: a foreign key whose two ends the
 * values typed differently, a collation only the application defines, text that is not UTF-8. Each
 * migration ends with the tool's verify (in {@link HazardsEndToEndTest#migrate}).
 */
@NeedsServer
class SourceHazardsEndToEndTest {

  @TempDir Path dir;

  @Test
  void bothEndsOfAForeignKeyGetOneType() throws Exception {
    Run run = HazardsEndToEndTest.migrate(Fixtures.build("fk_mixed_types", dir), "fk_mixed_types");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.type("parent", "code")).isEqualTo("text");
    assertThat(run.type("child", "code")).isEqualTo("text");
    assertThat(run.type("grandchild", "code")).isEqualTo("text");
    assertThat(run.result().notMigrated()).isEmpty();
    assertThat(
            run.list(
                "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                    + " AND connamespace = 'public'::regnamespace ORDER BY 1"))
        .containsExactly("child_code_fkey", "grandchild_code_fkey");
    assertThat(run.warnings()).anyMatch(w -> w.contains("to match foreign key child(code)"));
    run.independentlyEqual("child", "id");
  }
}
