package dev.sqlite2pg.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The package order holds for the project's own classes, and the rules really fail: fixture
 * packages under {@code archfixture} break them on purpose (a reader that reaches up into the
 * planner, two packages in a cycle, a command that reaches past the API).
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          // Main classes only, whatever -DbuildDir calls the output (test-classes hold the tests).
          .withImportOption(location -> !location.contains("/test-classes/"))
          .importPackages("dev.sqlite2pg");

  @Test
  void packagesUseOnlyThoseBelowThem() {
    Layers.order("dev.sqlite2pg").check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    Layers.noCycles("dev.sqlite2pg").check(MAIN);
  }

  @Test
  void everyInternalPackageSaysItIsInternal() {
    assertThat(
            MAIN.stream()
                .map(c -> c.getPackageName())
                .distinct()
                .filter(p -> !p.equals("dev.sqlite2pg") && !p.equals("dev.sqlite2pg.cli")))
        .isNotEmpty()
        .allSatisfy(
            p ->
                assertThat(
                        ArchitectureTest.class
                            .getClassLoader()
                            .getResource(p.replace('.', '/') + "/package-info.class"))
                    .as("package-info.java of %s", p)
                    .isNotNull());
  }

  @Test
  void aReaderReachingUpIntoThePlannerIsRefused() {
    JavaClasses upward = new ClassFileImporter().importPackages("archfixture.upward");
    assertThatThrownBy(() -> Layers.order("archfixture.upward").check(upward))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.upward.sqlite.Reader")
        .hasMessageContaining("archfixture.upward.plan.Planner");
  }

  @Test
  void aCommandReachingPastTheApiIsRefused() {
    JavaClasses upward = new ClassFileImporter().importPackages("archfixture.upward");
    assertThatThrownBy(() -> Layers.order("archfixture.upward").check(upward))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.upward.cli.Command");
  }

  @Test
  void aCycleIsRefused() {
    JavaClasses cycle = new ClassFileImporter().importPackages("archfixture.cycle");
    assertThatThrownBy(() -> Layers.noCycles("archfixture.cycle").check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }
}
