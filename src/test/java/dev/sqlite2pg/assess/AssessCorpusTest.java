package dev.sqlite2pg.assess;

import static dev.sqlite2pg.assess.Assess.hazard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sqlite2pg.AssessOptions;
import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.Migrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code assess} on every database of ../shared/corpus when it is there: none crashes, every
 * finding has a level, and the known hazards of a few are found exactly. The corpus is only read
 * (the source opens WAL files immutable and rollback-journal files read-only): no -wal or -shm file
 * may appear beside them. Skipped on a machine without the corpus.
 */
class AssessCorpusTest {

  private static final Path CORPUS = Path.of("..", "shared", "corpus");
  private static final Map<String, Assessment> BY_FILE = new HashMap<>();

  @BeforeAll
  static void assessEveryFile() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return;
    }
    List<Path> before = sidecars();
    for (Path db : databases()) {
      BY_FILE.put(
          db.getFileName().toString(),
          Migrator.configure()
              .source(db)
              .target(Assess.NO_TARGET)
              .build()
              .assess(new AssessOptions(List.of(), false, Duration.ofMillis(20))));
    }
    assertThat(sidecars()).as("-wal/-shm files created in the corpus").isEqualTo(before);
  }

  private static List<Path> databases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .filter(p -> p.getFileName().toString().matches(".*\\.(db|sqlite|sqlite3)"))
          .sorted()
          .toList();
    }
  }

  private static List<Path> sidecars() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(p -> p.toString().matches(".*-(wal|shm)")).sorted().toList();
    }
  }

  private static Assessment of(String file) {
    assumeTrue(Files.isDirectory(CORPUS), "corpus not present");
    return BY_FILE.get(file);
  }

  @Test
  void everyFileIsAssessedAndEveryFindingHasALevel() {
    assumeTrue(Files.isDirectory(CORPUS), "corpus not present");
    assertThat(BY_FILE).hasSizeGreaterThan(30);
    BY_FILE.forEach(
        (file, a) -> {
          assertThat(a.findings()).as(file).isNotEmpty();
          assertThat(a.findings())
              .as(file)
              .allSatisfy(
                  f -> {
                    assertThat(f.level()).isNotNull();
                    assertThat(f.reason()).isNotBlank();
                    assertThat(f.kind()).isNotBlank();
                  });
          // Measured wherever there are rows (duckdb_rtree.db holds only a virtual table).
          assertThat(a.time().rowsMeasured() > 0).as(file).isEqualTo(a.rows() > 0);
        });
  }

  @Test
  void mixedTypeColumnsInDuckdbsBorkedFile() {
    List<Finding> found = hazard(of("duckdb_borked.db"), "type_mismatch");
    assertThat(found).extracting(Finding::object).containsExactly("a.i", "b.i");
    assertThat(found.get(0).examples()).containsExactly("rowid 1: text 'Hello'");
  }

  @Test
  void orphanedRowsInTheMurderMystery() {
    List<Finding> found = hazard(of("sql-murder-mystery.db"), "orphaned_rows");
    assertThat(found)
        .extracting(Finding::object, Finding::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("person(license_id) -> drivers_license", 5L),
            org.assertj.core.groups.Tuple.tuple("person(ssn) -> income", 2497L));
  }

  @Test
  void aViewThatDoesNotTranslateInDuckdbsUnsupportedView() {
    Finding f = hazard(of("duckdb_unsupported_view.db"), "untranslatable_view").get(0);
    assertThat(f.object()).isEqualTo("ts");
    assertThat(f.reason()).contains("unixepoch()");
    assertThat(f.level()).isEqualTo(MigrationLevel.REWRITE);
  }

  @Test
  void spatialitesTriggersAndVirtualTables() {
    Assessment a = of("datasette_spatialite.db");
    assertThat(hazard(a, "trigger")).hasSize(71);
    assertThat(hazard(a, "virtual_table"))
        .extracting(Finding::object)
        .containsExactlyInAnyOrder("SpatialIndex", "ElementaryGeometries");
  }

  @Test
  void frameworksAreRecognised() {
    assertThat(of("django_djangoproject_com.sqlite3").frameworks()).containsExactly("Django");
  }
}
