package dev.sqlite2pg.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The package order of ARCHITECTURE.md as rules, for any root package (the project's, or a test
 * fixture's that breaks them on purpose). Each package may use only those below it:
 *
 * <pre>
 *   cli                 the root API only
 *   Migrator, Targets,  everything
 *   Preparation,
 *   Baselines
 *   Assessor
 *   run, assess         everything below (peers: neither uses the other)
 *   monitor             sync and everything below it
 *   sync                copy, verify and everything below
 *   copy, verify        everything below
 *   verify.jsonb        everything below (used by verify)
 *   pg.ddl, pg.state    plan, pg, pg.connect, translate, convert, sqlite, sql, catalog
 *   plan, doctor        pg, pg.connect, translate, convert, sqlite, sql, catalog
 *   prepare, baseline   the same (peers of pg.ddl and pg.state)
 *   pg, pg.connect      translate, convert, sqlite, sql, catalog
 *   translate           convert.reverse, convert, sqlite, sql, catalog
 *   convert.reverse     convert, sqlite, sql, catalog
 *   convert             sqlite, sql, catalog
 *   sqlite              sql, catalog
 *   sql, catalog        nothing of ours but the API
 * </pre>
 *
 * The root package's value types (options, results, the exception, TargetConnector) may be used
 * anywhere and use nothing of ours.
 */
final class Layers {

  private Layers() {}

  /**
   * The internal packages, bottom to top; packages in one group are peers and do not use each
   * other. Each may be used by the groups above it and by the entry points, never by the CLI.
   */
  private static final List<List<String>> ORDER =
      List.of(
          List.of("catalog", "sql", "assess.code"),
          List.of("sqlite"),
          List.of("convert"),
          List.of("convert.reverse"),
          List.of("translate"),
          List.of("pg", "pg.connect"),
          List.of("plan", "doctor"),
          List.of("framework"),
          List.of("pg.ddl", "pg.state", "prepare", "baseline"),
          List.of("verify.jsonb"),
          List.of("copy", "verify"),
          List.of("sync"),
          List.of("monitor"),
          List.of("run", "assess"));

  /** Layers of {@code root}, bottom to top, with what each may use. */
  static ArchRule order(String root) {
    LayeredArchitecture layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(root + "..")
            .layer("api")
            .definedBy(api(root))
            .layer("entry")
            .definedBy(entry(root))
            .layer("cli")
            .definedBy(root + ".cli..");
    for (List<String> group : ORDER) {
      for (String name : group) {
        layers = layers.layer(name).definedBy(root + "." + name);
      }
    }
    layers =
        layers
            .whereLayer("cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("entry")
            .mayOnlyBeAccessedByLayers("cli");
    for (int i = 0; i < ORDER.size(); i++) {
      List<String> above = new ArrayList<>();
      ORDER.subList(i + 1, ORDER.size()).forEach(above::addAll);
      above.add("entry");
      for (String name : ORDER.get(i)) {
        layers = layers.whereLayer(name).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
      }
    }
    return layers.because("each package may use only those below it (ARCHITECTURE.md)");
  }

  /** No cycles between the internal packages, whatever the layers say. */
  static ArchRule noCycles(String root) {
    return slices()
        .matching(root + ".(**)")
        .should()
        .beFreeOfCycles()
        .because("a cycle makes two packages one (ARCHITECTURE.md)");
  }

  /** The root package's value types: the API minus its two entry points. */
  private static DescribedPredicate<JavaClass> api(String root) {
    return resideInAPackage(root).and(not(entry(root))).as("the root API's value types");
  }

  /** Migrator (with its Builder), Targets, Fleet, Doctor, Preparation, Baselines, Assessor. */
  private static DescribedPredicate<JavaClass> entry(String root) {
    return resideInAnyPackage(root)
        .and(
            nameMatching(
                java.util.regex.Pattern.quote(root)
                    + "\\.(Migrator|Targets|Fleet|Doctor|Preparation|Baselines|Assessor)(\\$.*)?"))
        .as("Migrator, Targets, Fleet, Doctor, Preparation, Baselines and Assessor");
  }
}
