package dev.sqlite2pg.plan;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.PgTypes;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sqlite.TableProfiler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan fitted to the tables that really are in the target: tables and columns matched by name
 * (the planned name, else the source name, case-insensitively, as {@link ExistingTables} matches
 * them), types as PostgreSQL reports them. Two users: {@code --data-only} and {@code
 * --if-exists=skip-existing} load into those tables ({@link #fit}), converting each value to the
 * existing column's type and reporting every mismatch at once before anything is written; verify
 * compares against them ({@link #match}), so it works on a target loaded earlier, with other
 * options, or by hand.
 */
public final class TargetFit {

  private final ExistingTables existing;
  private final Optional<String> filled;

  public TargetFit(ExistingTables existing) {
    this(existing, Optional.empty());
  }

  /**
   * @param filled a column the load fills itself, in every table (a merged fleet's tenant column):
   *     needing no source column
   */
  public TargetFit(ExistingTables existing, Optional<String> filled) {
    this.existing = existing;
    this.filled = filled;
  }

  /** The plan adjusted to the target, or why this table cannot be compared. */
  public record Match(Optional<TablePlan> plan, String problem) {}

  /** verify: the table as the target has it, or why it cannot be compared. */
  public Match match(TablePlan t) {
    Optional<String> table = existing.find(t.target(), t.source().name());
    if (table.isEmpty()) {
      return new Match(Optional.empty(), "MISSING: no table " + t.target() + " in the target");
    }
    List<ColumnPlan> out = new ArrayList<>();
    for (ColumnPlan c : t.columns()) {
      Optional<ExistingTables.Col> col =
          existing.column(table.get(), c.target(), c.source().name());
      if (col.isEmpty()) {
        return new Match(
            Optional.empty(), "MISSING: column " + c.source().name() + " is not in " + table.get());
      }
      Optional<PgType> type = writable(col.get());
      if (type.isEmpty()) {
        return new Match(
            Optional.empty(),
            "UNSUPPORTED: column "
                + col.get().name()
                + " has type "
                + col.get().typeSql()
                + ", which verify cannot compare");
      }
      PgType keep =
          type.get().kind() == c.type().kind() && type.get().sql().equals(c.type().sql())
              ? c.type()
              : type.get();
      out.add(
          new ColumnPlan(
              c.source(),
              col.get().name(),
              keep,
              c.options(),
              c.identity(),
              c.generatedSql(),
              c.rule(),
              c.reason()));
    }
    return new Match(
        Optional.of(new TablePlan(t.source(), table.get(), t.sourceRows(), List.copyOf(out))),
        null);
  }

  /**
   * {@code --data-only} ({@code all}) or {@code --if-exists=skip-existing}: the plan with its
   * tables fitted to those the target has. With {@code all} false, tables that do not exist stay as
   * planned, for STEP 3 to create. {@code source} is read for the epoch unit of numbers loaded into
   * time columns.
   */
  public Plan fit(Plan plan, boolean all, SqliteSource source) {
    try (Connection c = source.connect()) {
      return fit(plan, all, c);
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }

  /** A plan fitted table by table: the tables that fit, and why each other one does not. */
  public record Fitted(Plan plan, Map<String, String> unfit) {}

  /**
   * {@code sync run}: every table fitted to the target's, as {@code --data-only} does, but a table
   * that does not fit is left out with its reason instead of failing the whole plan. Schema drift
   * (design 3.5) pauses one table, never the sync.
   */
  public Fitted fitEach(Plan plan, SqliteSource source) {
    Map<String, String> unfit = new TreeMap<>();
    List<TablePlan> tables = new ArrayList<>();
    try (Connection c = source.connect()) {
      for (TablePlan t : plan.tables()) {
        Optional<String> name = existing.find(t.target(), t.source().name());
        List<String> problems = new ArrayList<>();
        if (name.isEmpty()) {
          problems.add("no table " + t.target() + " in schema " + plan.schema());
        } else {
          TablePlan fitted = fitTable(t, name.get(), problems, new ArrayList<>(), c);
          if (problems.isEmpty()) {
            tables.add(fitted);
          }
        }
        if (!problems.isEmpty()) {
          unfit.put(t.source().name(), String.join("; ", problems));
        }
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
    return new Fitted(
        new Plan(
            plan.catalog(),
            plan.schema(),
            List.copyOf(tables),
            plan.warnings(),
            plan.notMigrated()),
        unfit);
  }

  private Plan fit(Plan plan, boolean all, Connection source) throws SQLException {
    List<String> problems = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    Set<String> fitted = new HashSet<>();
    List<TablePlan> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      Optional<String> name = existing.find(t.target(), t.source().name());
      if (name.isEmpty() && all) {
        problems.add(
            "no table "
                + t.target()
                + " in schema "
                + plan.schema()
                + " for source"
                + " table "
                + t.source().name());
      } else if (name.isEmpty()) {
        tables.add(t);
      } else {
        fitted.add(t.source().name());
        tables.add(fitTable(t, name.get(), problems, warnings, source));
      }
    }
    if (!problems.isEmpty()) {
      throw new MigrationException(
          Code.SCHEMA,
          (all ? "--data-only: the target schema does" : "--if-exists: the tables that exist do")
              + " not fit the source: "
              + String.join("; ", problems)
              + ". Nothing was written.");
    }
    // A fitted column has the target's type, so "created as ..." no longer applies to it.
    warnings.addAll(
        0,
        plan.warnings().stream()
            .filter(
                w ->
                    !w.message().startsWith("created as")
                        || w.table().map(n -> !fitted.contains(n)).orElse(true))
            .toList());
    return new Plan(
        plan.catalog(),
        plan.schema(),
        List.copyOf(tables),
        List.copyOf(warnings),
        plan.notMigrated());
  }

  private TablePlan fitTable(
      TablePlan t, String target, List<String> problems, List<Warning> warnings, Connection source)
      throws SQLException {
    List<ColumnPlan> cols = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (ColumnPlan c : t.columns()) {
      Optional<ExistingTables.Col> col = existing.column(target, c.target(), c.source().name());
      if (col.isEmpty()) {
        problems.add(
            "source column "
                + t.source().name()
                + "."
                + c.source().name()
                + " has no column in "
                + target
                + " (exclude it in the configuration, or add it)");
        continue;
      }
      if (col.get().generated()) {
        warnings.add(
            Warning.column(
                t.source().name(),
                c.source().name(),
                "not copied: " + target + "." + col.get().name() + " is generated by PostgreSQL"));
        continue;
      }
      Optional<PgType> type = writable(col.get());
      // The column is the source's, whether it can be written or not: no second complaint that
      // the source has no column for a NOT NULL one.
      used.add(col.get().name());
      if (type.isEmpty()) {
        problems.add(
            target
                + "."
                + col.get().name()
                + " has type "
                + col.get().typeSql()
                + ", which sqlite2pg cannot write (exclude the column in the configuration)");
        continue;
      }
      cols.add(
          new ColumnPlan(
              c.source(),
              col.get().name(),
              type.get(),
              options(t, c, type.get(), source),
              col.get().identity() || col.get().serial(),
              Optional.empty(),
              "existing column",
              "the application's column is " + col.get().typeSql()));
    }
    for (ExistingTables.Col col : existing.columns(target)) {
      if (!used.contains(col.name())
          && !col.optional()
          && !filled.equals(Optional.of(col.name()))) {
        problems.add(
            target
                + "."
                + col.name()
                + " is NOT NULL without a default, and the"
                + " source has no column for it");
      }
    }
    return new TablePlan(t.source(), target, t.sourceRows(), List.copyOf(cols));
  }

  /**
   * The column's type as the copy writes it, if it can: an enum with its labels from the catalog
   * (never guessed from the name), a domain as its base type (its CHECK is PostgreSQL's to enforce:
   * a row that breaks it fails in COPY, and the copy's bisection rejects that row alone).
   */
  public static Optional<PgType> writable(ExistingTables.Col col) {
    if (!col.enumLabels().isEmpty()) {
      return Optional.of(PgType.enumType(col.typeSql(), col.enumLabels()));
    }
    return PgTypes.known(col.baseSql());
  }

  /** How to read times for a time-typed column: the unit of its epoch numbers, or Julian days. */
  private static EncoderOptions options(TablePlan t, ColumnPlan c, PgType type, Connection source)
      throws SQLException {
    PgType.Kind k = type.kind();
    if (k != PgType.Kind.TIMESTAMP && k != PgType.Kind.TIMESTAMPTZ && k != PgType.Kind.DATE) {
      return c.options();
    }
    EncoderOptions planned = c.options();
    TableProfiler.NumberRange r =
        TableProfiler.numberRange(source, t.source().name(), c.source().name());
    if (r.minReal() != null
        && r.minReal() >= TypeRules.JULIAN_MIN
        && r.maxReal() <= TypeRules.JULIAN_MAX
        && r.minAbsInt() == null) {
      return keep(EncoderOptions.julianDays(), planned);
    }
    if (r.minAbsInt() == null) {
      return keep(EncoderOptions.DEFAULT, planned);
    }
    Optional<EpochUnit> unit = EpochUnit.unitFor(r.minAbsInt(), r.maxAbsInt());
    return keep(new EncoderOptions(unit, false), planned);
  }

  /** {@code o} with the planned source zone and interval unit, which the profile does not see. */
  private static EncoderOptions keep(EncoderOptions o, EncoderOptions planned) {
    return new EncoderOptions(
        o.epochUnit(),
        o.julianDay(),
        planned.sourceZone(),
        planned.intervalUnit(),
        planned.datedFrom());
  }
}
