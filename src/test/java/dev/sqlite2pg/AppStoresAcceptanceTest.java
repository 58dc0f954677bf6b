package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario of real application migrations: an application keeps two stores in SQLite
 * and has created its own PostgreSQL schema; each store is loaded into that schema with
 * --data-only, one group at a time, and verifies equal.
 */
@NeedsServer
class AppStoresAcceptanceTest {

  @TempDir static Path dir;
  static Path db;
  static Path config;

  @BeforeAll
  static void build() throws Exception {
    db = Fixtures.build("app_stores", dir);
    Path yaml = dir.resolve("sqlite2pg.yaml");
    Files.writeString(yaml, resource());
    config = yaml;
  }

  private static String resource() throws Exception {
    try (var in = AppStoresAcceptanceTest.class.getResourceAsStream("/fixtures/app_stores.yaml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String applicationSchema() throws Exception {
    String url = TestPostgres.newDatabase("app");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(Fixtures.script("app_stores_pg"));
    }
    return url;
  }

  private static Migrator.Builder store(String url, String group) {
    return Migrator.configure()
        .source(db)
        .target(new JdbcTarget(url))
        .config(config)
        .only(List.of(group))
        .dataOnly(true);
  }

  @Test
  void bothStoresLoadIntoTheApplicationsSchemaAndVerifyEqual() throws Exception {
    String url = applicationSchema();
    MigrationResult consensus = store(url, "consensus").build().migrate();
    assertThat(consensus.tables())
        .extracting(TableReport::sourceTable)
        .containsExactlyInAnyOrder("consensus", "dissent", "verified_proofs");
    assertThat(consensus.exitCode()).as(consensus.toString()).isZero();
    MigrationResult critique = store(url, "critique").build().migrate();
    assertThat(critique.tables())
        .extracting(TableReport::sourceTable)
        .containsExactlyInAnyOrder("debates", "critiques", "patterns", "agent_reputation");
    assertThat(critique.exitCode()).as(critique.toString()).isZero();
    assertThat(consensus.copiedRows() + critique.copiedRows())
        .isEqualTo(800 + 500 + 300 + 1200 + 2990 + 40 + 3);

    VerifyResult all =
        Migrator.configure().source(db).target(new JdbcTarget(url)).config(config).build().verify();
    assertThat(all.tables()).allSatisfy(t -> assertThat(t.equal()).as(t.sourceTable()).isTrue());
    assertThat(all.tables()).extracting(TableCheck::targetRows).contains(2990L, 800L);

    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      // The next critique gets the id SQLite's AUTOINCREMENT would give (its high-water mark
      // was 3000, though rows above 2990 were deleted).
      ResultSet rs =
          s.executeQuery(
              "INSERT INTO critiques (debate_id, agent) VALUES ('d1',"
                  + " 'agent-9') RETURNING id");
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3001);
      // An ISO row and an epoch row both arrive as the right instants.
      rs = s.executeQuery("SELECT created_at FROM debates WHERE id IN ('d1', 'd2') ORDER BY id");
      rs.next();
      assertThat(rs.getObject(1, OffsetDateTime.class).toInstant().getEpochSecond())
          .isEqualTo(1700000000L + 977);
      rs.next();
      assertThat(
              rs.getObject(1, OffsetDateTime.class)
                  .withOffsetSameInstant(ZoneOffset.UTC)
                  .toLocalDateTime()
                  .toString())
          .as("1700000000 + 2 * 977 s, from ISO text")
          .isEqualTo("2023-11-14T22:45:54");
      rs =
          s.executeQuery(
              "SELECT issues ->> 1, consensus_reached, grounded_verdict -> 'sources'"
                  + " ->> 0 FROM critiques c JOIN debates d ON d.id = c.debate_id WHERE c.id = 3");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("tab\there");
      assertThat(rs.getBoolean(2)).isFalse();
      assertThat(rs.getString(3)).isEqualTo("a");
      rs = s.executeQuery("SELECT confidence FROM consensus WHERE id = 'c7'");
      rs.next();
      assertThat(rs.getFloat(1)).isEqualTo(0.35f);
    }
  }

  @Test
  void anUnknownGroupSuggestsTheClosest() {
    assertThatThrownBy(
            () -> store(TestPostgres.newDatabase("app_bad"), "critiqe").build().migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("--only critiqe: no such group (did you mean critique?)");
  }

  @Test
  void aColumnOfATypeThatCannotBeWrittenIsNamedOnceWithTheSchemaExitCode() throws Exception {
    String url = applicationSchema();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      // A geometric type: nothing in SQLite converts to it. The column is the source's, so the
      // refusal names its type only, not also "the source has no column for it".
      s.execute("ALTER TABLE patterns DROP COLUMN example_task");
      s.execute("ALTER TABLE patterns ADD COLUMN example_task point NOT NULL");
    }
    assertThatThrownBy(() -> store(url, "critique").build().migrate())
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(MigrationException.Code.SCHEMA);
              assertThat(e.getMessage())
                  .startsWith("--data-only: the target schema does not fit the source:")
                  .contains("patterns.example_task has type point, which sqlite2pg cannot write")
                  .doesNotContain("NOT NULL without a default");
            });
  }

  @Test
  void aSourceColumnWithNowhereToGoIsRefusedBeforeAnythingIsWritten() throws Exception {
    String url = applicationSchema();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE patterns DROP COLUMN example_task");
      s.execute("ALTER TABLE patterns ADD COLUMN owner text NOT NULL");
    }
    assertThatThrownBy(() -> store(url, "critique").build().migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("source column patterns.example_task has no column in patterns")
        .hasMessageContaining("patterns.owner is NOT NULL without a default")
        .hasMessageContaining("Nothing was written");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM debates")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }
}
