package dev.sqlite2pg.plan;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.sql.Identifiers;
import dev.sqlite2pg.sqlite.Affinity;
import dev.sqlite2pg.sqlite.ColumnProfile;
import dev.sqlite2pg.translate.SqlTranslator;
import dev.sqlite2pg.translate.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * STEP 2 for one table: target names, a type for every column from the rule table (or the user's
 * casts), identity columns, and the warnings a person should read.
 */
public final class Planner {

  private final List<Cast> casts;
  private final boolean keepCase;

  private final SqlTranslator translator = new SqlTranslator();

  private final MappingConfig config;

  public Planner(List<Cast> casts, boolean keepCase, MappingConfig config) {
    this.casts = List.copyOf(casts);
    this.keepCase = keepCase;
    this.config = config;
  }

  /** Plans one table whose target name is already chosen. */
  public TablePlan plan(
      Table table,
      String targetName,
      long rows,
      Map<String, ColumnProfile> profiles,
      ValueProbe probe,
      List<Warning> warnings,
      List<NotMigrated> notMigrated) {
    Map<String, String> names =
        TargetNames.of(table.columns().stream().map(Column::name).toList(), keepCase);
    List<ColumnPlan> columns = new ArrayList<>();
    for (Column col : table.columns()) {
      if (config.excludesColumn(table.name(), col.name())) {
        warnings.add(
            Warning.column(
                table.name(), col.name(), "not migrated (excluded by the mapping file)"));
        notMigrated.add(
            new NotMigrated(
                "column", table.name() + "." + col.name(), "excluded by the mapping file", ""));
        continue;
      }
      Optional<MappingConfig.ColumnRule> rule = config.column(table.name(), col.name());
      String target = rule.flatMap(MappingConfig.ColumnRule::target).orElse(names.get(col.name()));
      noteName(
          table, col, target, rule.flatMap(MappingConfig.ColumnRule::target).isPresent(), warnings);
      ColumnProfile profile = profiles.getOrDefault(col.name(), ColumnProfile.UNREAD);
      TypeChoice choice = choose(table, col, profile, probe);
      if (choice.warning()) {
        warnings.add(
            Warning.column(
                table.name(),
                col.name(),
                "created as "
                    + choice.type().sql()
                    + ": "
                    + choice.reason()
                    + examples(col, profile, probe)));
      }
      boolean identity =
          table.rowidAlias().map(a -> a.equalsIgnoreCase(col.name())).orElse(false)
              && choice.type().kind() == PgType.Kind.BIGINT;
      Optional<String> generated =
          col.isGenerated()
              ? generated(table, col, names, warnings, notMigrated)
              : Optional.empty();
      columns.add(
          new ColumnPlan(
              col,
              target,
              choice.type(),
              choice.options(),
              identity,
              generated,
              choice.rule(),
              choice.reason()));
    }
    return new TablePlan(table, targetName, rows, List.copyOf(columns));
  }

  /**
   * A generated column stays generated when its expression translates (verification then compares
   * PostgreSQL's computed values with SQLite's); otherwise it becomes a plain column holding the
   * values SQLite computed, and the report says so.
   */
  private Optional<String> generated(
      Table table,
      Column col,
      Map<String, String> names,
      List<Warning> warnings,
      List<NotMigrated> notMigrated) {
    String expr = col.generatedSql().orElse("");
    Translation t =
        expr.isEmpty()
            ? Translation.untranslatable("its expression could not be read")
            : translator.translateGenerated(expr, n -> Identifiers.quote(names.getOrDefault(n, n)));
    if (t.sql().isPresent()) {
      return t.sql();
    }
    String why = t.failure().orElse("");
    warnings.add(
        Warning.column(
            table.name(),
            col.name(),
            "generated column becomes a plain"
                + " column holding the values SQLite computed: "
                + why));
    notMigrated.add(
        new NotMigrated("generated column expression", table.name() + "." + col.name(), why, expr));
    return Optional.empty();
  }

  private TypeChoice choose(Table table, Column col, ColumnProfile profile, ValueProbe probe) {
    Optional<Cast.Target> fileCast =
        config.column(table.name(), col.name()).flatMap(MappingConfig.ColumnRule::castTarget);
    if (fileCast.isPresent()) {
      return new TypeChoice(
          fileCast.get().type(),
          fileCast
              .get()
              .apply(TypeRules.choose(new TypeRules.Input(col, profile, probe)).options()),
          "cast",
          "cast " + fileCast.get().describe() + " in the mapping file",
          false);
    }
    for (Cast cast : casts) {
      if (cast.appliesTo(table.name(), col.name(), col.declaredType())) {
        return new TypeChoice(
            cast.type(),
            cast.apply(TypeRules.choose(new TypeRules.Input(col, profile, probe)).options()),
            "cast",
            "--cast " + cast.describe(),
            false);
      }
    }
    return TypeRules.choose(new TypeRules.Input(col, profile, probe));
  }

  /** Examples of the values that made the type depart from the declared one. */
  private static String examples(Column col, ColumnProfile p, ValueProbe probe) {
    List<String> ex = new ArrayList<>();
    Affinity a = Affinity.of(col.declaredType());
    boolean numeric = a == Affinity.INTEGER || a == Affinity.REAL || a == Affinity.NUMERIC;
    if (p.texts() > 0 && a != Affinity.TEXT) {
      ex.addAll(probe.examples(col, "text", 2));
    }
    if (p.blobs() > 0 && a != Affinity.BLOB) {
      ex.addAll(probe.examples(col, "blob", 2));
    }
    if (p.reals() > 0 && a == Affinity.INTEGER) {
      ex.addAll(probe.examples(col, "real", 2));
    }
    if (p.integers() + p.reals() > 0 && !numeric && a != Affinity.BLOB) {
      ex.addAll(probe.examples(col, p.integers() > 0 ? "integer" : "real", 2));
    }
    return ex.isEmpty() ? "" : " (e.g. " + String.join("; ", ex) + ")";
  }

  private static void noteName(
      Table table, Column col, String target, boolean byConfig, List<Warning> warnings) {
    if (target.length() != col.name().length() || !target.equalsIgnoreCase(col.name())) {
      warnings.add(
          Warning.column(
              table.name(),
              col.name(),
              "renamed to "
                  + target
                  + (byConfig ? " (mapping file)" : " (PostgreSQL names are at most 63 bytes)")));
    } else if (Identifiers.isReserved(target)) {
      warnings.add(
          Warning.column(
              table.name(),
              col.name(),
              "\"" + target + "\" is a reserved word in PostgreSQL: queries must quote it"));
    }
  }
}
