package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library example, written with the root package alone (a library user's view): a
 * target named as psql takes it, a plan with its script, a run, its result.
 */
@NeedsServer
class LibraryApiTest {

  @TempDir Path dir;

  @Test
  void theReadmeExampleNeedsOnlyTheRootPackage() {
    Path db = Fixtures.build("shop", dir);
    String database = TestPostgres.databaseOf(TestPostgres.newDatabase("library"));
    TargetConnector target =
        Targets.of(
            "postgresql://postgres@localhost:"
                + TestPostgres.port()
                + "/"
                + database
                + "?sslmode=disable");
    Migrator migrator = Migrator.configure().source(db).target(target).schema("app").build();

    MigrationPlan plan = migrator.plan();
    assertThat(plan.tables()).extracting(PlannedTable::targetTable).contains("customers", "orders");
    assertThat(plan.script(SchemaSection.PRE_DATA)).contains("CREATE TABLE \"app\".\"orders\"");
    assertThat(plan.script(SchemaSection.ALL)).contains("FOREIGN KEY");

    MigrationResult r = migrator.migrate();
    assertThat(r.exitCode()).isZero();
    assertThat(r.tables()).allSatisfy(t -> assertThat(t.complete()).isTrue());
    assertThat(r.tables().get(0).columns()).extracting(ColumnReport::targetType).isNotEmpty();
  }

  @Test
  void aMalformedTargetIsOneBadArgumentsLineWithoutThePassword() {
    assertThatThrownBy(() -> Targets.of("postgresql://app:S3cret@db:notaport/app"))
        .isInstanceOf(MigrationException.class)
        .satisfies(
            e ->
                assertThat(((MigrationException) e).code())
                    .isEqualTo(MigrationException.Code.BAD_ARGUMENTS))
        .hasMessageContaining("port")
        .hasMessageNotContaining("S3cret");
  }
}
