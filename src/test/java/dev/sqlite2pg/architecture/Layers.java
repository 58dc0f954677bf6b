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

/**
 * The package order of ARCHITECTURE.md as rules, for any root package (the project's, or a test
 * fixture's that breaks them on purpose). Each package may use only those below it:
 *
 * <pre>
 *   cli                 the root API only
 *   Migrator, Targets   everything
 *   run                 everything below
 *   copy, verify        plan, pg.*, translate, convert, sqlite, sql, catalog
 *   verify.jsonb        nothing of ours but the API
 *   pg.ddl, pg.state    plan, pg, pg.connect, translate, convert, sqlite, sql, catalog
 *   plan                pg, pg.connect, translate, convert, sqlite, sql, catalog
 *   pg, pg.connect      translate, convert, sqlite, sql, catalog
 *   translate           convert, sqlite, sql, catalog
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

  /** Layers of {@code root}, bottom to top, with what each may use. */
  static ArchRule order(String root) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage(root + "..")
        .layer("api")
        .definedBy(api(root))
        .layer("entry")
        .definedBy(entry(root))
        .layer("catalog")
        .definedBy(root + ".catalog..")
        .layer("sql")
        .definedBy(root + ".sql..")
        .layer("sqlite")
        .definedBy(root + ".sqlite..")
        .layer("convert")
        .definedBy(root + ".convert..")
        .layer("translate")
        .definedBy(root + ".translate..")
        .layer("pg")
        .definedBy(root + ".pg")
        .layer("pg.connect")
        .definedBy(root + ".pg.connect..")
        .layer("plan")
        .definedBy(root + ".plan..")
        .layer("pg.ddl")
        .definedBy(root + ".pg.ddl..")
        .layer("pg.state")
        .definedBy(root + ".pg.state..")
        .layer("verify.jsonb")
        .definedBy(root + ".verify.jsonb..")
        .layer("copy")
        .definedBy(root + ".copy..")
        .layer("verify")
        .definedBy(root + ".verify")
        .layer("run")
        .definedBy(root + ".run..")
        .layer("cli")
        .definedBy(root + ".cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("entry")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("run")
        .mayOnlyBeAccessedByLayers("entry")
        .whereLayer("copy")
        .mayOnlyBeAccessedByLayers("run", "entry")
        .whereLayer("verify")
        .mayOnlyBeAccessedByLayers("run", "entry")
        .whereLayer("verify.jsonb")
        .mayOnlyBeAccessedByLayers("verify")
        .whereLayer("pg.ddl")
        .mayOnlyBeAccessedByLayers("copy", "verify", "run", "entry")
        .whereLayer("pg.state")
        .mayOnlyBeAccessedByLayers("copy", "verify", "run", "entry")
        .whereLayer("plan")
        .mayOnlyBeAccessedByLayers("pg.ddl", "pg.state", "copy", "verify", "run", "entry")
        .whereLayer("pg")
        .mayOnlyBeAccessedByLayers("plan", "pg.ddl", "pg.state", "copy", "verify", "run", "entry")
        .whereLayer("pg.connect")
        .mayOnlyBeAccessedByLayers("plan", "pg.ddl", "pg.state", "copy", "verify", "run", "entry")
        .whereLayer("translate")
        .mayOnlyBeAccessedByLayers(
            "pg", "pg.connect", "plan", "pg.ddl", "pg.state", "copy", "verify", "run", "entry")
        .whereLayer("convert")
        .mayOnlyBeAccessedByLayers(
            "translate",
            "pg",
            "pg.connect",
            "plan",
            "pg.ddl",
            "pg.state",
            "copy",
            "verify",
            "run",
            "entry")
        .whereLayer("sqlite")
        .mayOnlyBeAccessedByLayers(
            "convert",
            "translate",
            "pg",
            "pg.connect",
            "plan",
            "pg.ddl",
            "pg.state",
            "copy",
            "verify",
            "run",
            "entry")
        .whereLayer("sql")
        .mayOnlyBeAccessedByLayers(
            "sqlite",
            "convert",
            "translate",
            "pg",
            "pg.connect",
            "plan",
            "pg.ddl",
            "pg.state",
            "copy",
            "verify",
            "run",
            "entry")
        .whereLayer("catalog")
        .mayOnlyBeAccessedByLayers(
            "sqlite",
            "convert",
            "translate",
            "pg",
            "pg.connect",
            "plan",
            "pg.ddl",
            "pg.state",
            "copy",
            "verify",
            "run",
            "entry")
        .because("each package may use only those below it (ARCHITECTURE.md)");
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

  /** Migrator (with its Builder) and Targets: the only root classes that use internals. */
  private static DescribedPredicate<JavaClass> entry(String root) {
    return resideInAnyPackage(root)
        .and(nameMatching(java.util.regex.Pattern.quote(root) + "\\.(Migrator|Targets)(\\$.*)?"))
        .as("Migrator and Targets");
  }
}
