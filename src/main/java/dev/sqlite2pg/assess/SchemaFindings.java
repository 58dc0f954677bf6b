package dev.sqlite2pg.assess;

import static dev.sqlite2pg.sql.Identifiers.isReserved;

import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.catalog.CollationKind;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.framework.Framework;
import dev.sqlite2pg.pg.ddl.PostDataBuilder;
import dev.sqlite2pg.pg.ddl.Views;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.translate.Translation;
import java.util.List;

/**
 * What the schema alone says: views and defaults that do not translate (the translator says why),
 * triggers and virtual tables (SQLite code a person rewrites), indexes and CHECKs the post-data
 * step would leave out, collations only the application defines, names that change or are reserved,
 * and the recognised framework.
 */
final class SchemaFindings {

  private final Plan plan;
  private final Translator translator;
  private final Findings out;

  SchemaFindings(Plan plan, Translator translator, Findings out) {
    this.plan = plan;
    this.translator = translator;
    this.out = out;
  }

  void find() {
    frameworks();
    for (TablePlan t : plan.tables()) {
      names(t);
      collations(t);
      defaults(t);
    }
    postData();
    notMigrated();
    views();
  }

  private void frameworks() {
    for (Framework f : Framework.recognise(plan.catalog())) {
      out.add(
          "framework",
          f.display(),
          "framework",
          MigrationLevel.AUTOMATIC,
          "recognised by its table "
              + f.history().table()
              + ": "
              + f.conventions()
              + "; with --data-only into the schema its migrations created, its bookkeeping is"
              + " reconciled",
          0,
          List.of(),
          "");
    }
  }

  /**
   * Names that change (folded to lower case, shortened to 63 bytes), the table's and its columns'
   * in one finding (Chinook changes all 64 of its names), then the reserved words.
   */
  private void names(TablePlan t) {
    String table = t.source().name();
    List<String> changed = new java.util.ArrayList<>();
    if (!t.target().equals(table)) {
      changed.add(table + " -> " + t.target());
    }
    t.columns().stream()
        .filter(c -> !c.target().equals(c.source().name()))
        .forEach(c -> changed.add(c.source().name() + " -> " + c.target()));
    if (!changed.isEmpty()) {
      out.add(
          "table",
          table,
          "renamed_identifier",
          MigrationLevel.WARNING,
          changed.size()
              + " names change in PostgreSQL (folded to lower case, or shortened to 63 bytes):"
              + " unquoted queries still work, queries that quote the old names must change",
          changed.size(),
          changed,
          "");
    }
    if (isReserved(t.target())) {
      out.add(
          "table",
          table,
          "reserved_word",
          MigrationLevel.WARNING,
          "\"" + t.target() + "\" is a reserved word in PostgreSQL: every query must quote it",
          1,
          List.of(t.target()),
          "");
    }
    List<ColumnPlan> reserved = t.columns().stream().filter(c -> isReserved(c.target())).toList();
    if (!reserved.isEmpty()) {
      out.add(
          "table",
          table,
          "reserved_word",
          MigrationLevel.WARNING,
          reserved.size()
              + " column names are reserved words in PostgreSQL: queries must quote them",
          reserved.size(),
          reserved.stream().map(ColumnPlan::target).toList(),
          "");
    }
  }

  /** Anki's unicase: no other program has it; the migration stands in for it, a person checks. */
  private void collations(TablePlan t) {
    for (ColumnPlan c : t.columns()) {
      String coll = c.source().collation().orElse("BINARY");
      CollationKind kind = CollationKind.of(coll);
      if (kind.applicationDefined()) {
        out.add(
            "collation",
            t.source().name() + "." + c.source().name(),
            "application_collation",
            MigrationLevel.DECISION,
            "COLLATE "
                + coll
                + " is defined only by the application: "
                + (kind == CollationKind.APPLICATION_CASE_INSENSITIVE
                    ? "taken as case-insensitive by its name (an ICU nondeterministic collation"
                        + " when the server has ICU, lower() in indexes otherwise)"
                    : "nothing is known of it; PostgreSQL compares in binary order and its"
                        + " indexes are left out")
                + "; check that this is what the application means",
            0,
            List.of(),
            "");
      }
    }
  }

  private void defaults(TablePlan t) {
    for (ColumnPlan c : t.columns()) {
      if (c.source().defaultSql().isEmpty() || c.identity() || c.generatedSql().isPresent()) {
        continue;
      }
      Translation r = translator.defaultValue(c.source().defaultSql().get(), c.type());
      if (r.sql().isEmpty()) {
        out.add(
            "default",
            t.source().name() + "." + c.source().name(),
            "untranslatable_default",
            MigrationLevel.REWRITE,
            "the DEFAULT does not translate: " + r.reason() + "; the column gets no default",
            0,
            List.of(),
            "DEFAULT " + c.source().defaultSql().get());
      }
    }
  }

  /** Indexes, CHECKs and keys the post-data step would leave out, with why. */
  private void postData() {
    PostDataBuilder builder = new PostDataBuilder(plan.schema(), plan.tables(), translator);
    builder.build();
    for (NotMigrated n : builder.notMigrated()) {
      out.add(
          n.kind(),
          n.name(),
          "not_migrated",
          MigrationLevel.REWRITE,
          n.reason(),
          0,
          List.of(),
          n.sql());
    }
  }

  /** Triggers, virtual tables, generated expressions: what the plan already leaves out. */
  private void notMigrated() {
    for (NotMigrated n : plan.notMigrated()) {
      switch (n.kind()) {
        case "trigger" -> rewrite(n, "trigger");
        case "virtual table" -> rewrite(n, "virtual_table");
        case "generated column expression" -> rewrite(n, "untranslatable_generated_column");
        case "shadow table", "internal table" ->
            out.add(
                n.kind(),
                n.name(),
                "not_user_data",
                MigrationLevel.AUTOMATIC,
                n.reason(),
                0,
                List.of(),
                "");
        default ->
            out.add(
                n.kind(),
                n.name(),
                "not_migrated",
                MigrationLevel.WARNING,
                n.reason(),
                0,
                List.of(),
                n.sql());
      }
    }
  }

  private void rewrite(NotMigrated n, String hazard) {
    out.add(n.kind(), n.name(), hazard, MigrationLevel.REWRITE, n.reason(), 0, List.of(), n.sql());
  }

  /** Each view: its PostgreSQL text when it translates, or why not with its SQLite text. */
  private void views() {
    for (SchemaObject v : plan.catalog().views()) {
      Translation r = Views.translate(v, plan, translator);
      if (r.sql().isPresent()) {
        out.add(
            "view",
            v.name(),
            "ok",
            MigrationLevel.AUTOMATIC,
            "translates to PostgreSQL"
                + (v.columns().isEmpty() ? "" : " (" + v.columns().size() + " columns)"),
            0,
            List.of(),
            r.sql().get());
      } else {
        out.add(
            "view",
            v.name(),
            "untranslatable_view",
            MigrationLevel.REWRITE,
            "does not translate: " + r.reason(),
            0,
            List.of(),
            v.sql());
      }
    }
  }
}
