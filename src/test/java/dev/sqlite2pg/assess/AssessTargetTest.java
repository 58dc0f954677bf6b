package dev.sqlite2pg.assess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.TargetCheck;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.Targets;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assess --target}: every translated view and default tried on a real server, each PASS or
 * FAIL with the server's error, and nothing left behind.
 */
@NeedsServer
class AssessTargetTest {

  @TempDir Path dir;

  @Test
  void everyTranslatedViewAndDefaultIsTriedAndRolledBack() throws Exception {
    String url = TestPostgres.newDatabase("assess_target");
    TargetConnector target =
        Targets.of(
            "postgresql://postgres@localhost:"
                + TestPostgres.port()
                + "/"
                + TestPostgres.databaseOf(url)
                + "?sslmode=disable");
    Assessment a = Assess.of(Fixtures.build("views_on_server", dir), target, true);

    assertThat(a.target()).contains(target.display());
    List<TargetCheck> checks = a.checks();
    assertThat(checks)
        .extracting(TargetCheck::kind, TargetCheck::object, TargetCheck::passed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("default", "notes.created_at", true),
            org.assertj.core.groups.Tuple.tuple("default", "notes.stars", true),
            org.assertj.core.groups.Tuple.tuple("view", "pinned_notes", true),
            org.assertj.core.groups.Tuple.tuple("view", "note_search", false));
    TargetCheck search = checks.get(3);
    assertThat(search.error()).hasValueSatisfying(e -> assertThat(e).contains("notes_fts"));
    assertThat(search.sql()).startsWith("CREATE VIEW \"note_search\"");
    // The view that translated but was refused now needs rewriting, with the server's reason.
    assertThat(Assess.hazard(a, "refused_by_target"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.object()).isEqualTo("note_search");
              assertThat(f.level()).isEqualTo(dev.sqlite2pg.MigrationLevel.REWRITE);
              assertThat(f.reason()).contains("relation \"notes_fts\" does not exist");
            });
    // 'no' for a boolean does not translate at all: a finding, not a check.
    assertThat(Assess.hazard(a, "untranslatable_default"))
        .extracting(f -> f.object())
        .containsExactly("notes.pinned");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'sqlite2pg_assess%'"
                    + " UNION ALL SELECT count(*) FROM pg_class WHERE relname IN"
                    + " ('notes', 'pinned_notes')")) {
      rs.next();
      assertThat(rs.getInt(1)).as("trial schemas left").isZero();
      rs.next();
      assertThat(rs.getInt(1)).as("trial tables and views left").isZero();
    }
  }
}
