package dev.sqlite2pg.framework;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the frameworks of a source and decides, for a load into the tables their migrations
 * created, what happens to their bookkeeping: histories compared by migration (a migration applied
 * on SQLite but not on PostgreSQL stops the run before anything is written), other bookkeeping kept
 * as the target has it, and seeded tables emptied for the source's rows where nothing else holds
 * rows that reference them.
 */
public final class Frameworks {

  private final Plan plan;
  private final TargetTables before;
  private final ExistingTables existing;

  public Frameworks(Plan plan, TargetTables before, ExistingTables existing) {
    this.plan = plan;
    this.before = before;
    this.existing = existing;
  }

  /** The frameworks of the plan's source, with their conventions, for any run. */
  public static List<Warning> recognised(List<Framework> frameworks) {
    return frameworks.stream()
        .map(
            f ->
                Warning.general(
                    "recognised "
                        + f.display()
                        + " by its table "
                        + f.history().table()
                        + " ("
                        + f.conventions()
                        + ")"))
        .toList();
  }

  /**
   * For a load into tables that exist.
   *
   * @param sqlite a connection to the source
   * @param pg a connection to the target
   */
  public Bookkeeping examine(Connection sqlite, Connection pg) throws SQLException {
    List<HistoryCheck> histories = histories(sqlite, pg);
    List<String> behind =
        histories.stream()
            .filter(c -> !c.missingOnTarget().isEmpty())
            .map(Frameworks::behind)
            .toList();
    if (!behind.isEmpty()) {
      throw new MigrationException(
          Code.SCHEMA, String.join("; ", behind) + ". Nothing was written.");
    }
    // What was recognised is the plan's warning already (PlanStep); these are the decisions.
    List<Warning> notes = new ArrayList<>();
    List<Framework> found = Framework.recognise(plan.catalog());
    Set<String> seeded = new LinkedHashSet<>();
    for (Framework f : found) {
      seeded.addAll(seeded(f, notes));
    }
    List<String> kept = kept();
    histories.forEach(c -> notes.add(Warning.table(c.sourceTable(), c.describe())));
    kept.forEach(k -> notes.add(Warning.table(k, "the target's rows kept: they describe it")));
    return new Bookkeeping(found, histories, kept, seeded, notes);
  }

  private static String behind(HistoryCheck c) {
    List<String> m = c.missingOnTarget();
    return c.targetTable()
        + ": "
        + m.size()
        + " migration"
        + (m.size() == 1 ? "" : "s")
        + " applied on SQLite "
        + (m.size() == 1 ? "is" : "are")
        + " not applied on PostgreSQL ("
        + Migrations.shown(m)
        + "): run your migrations on PostgreSQL first";
  }

  /**
   * The bookkeeping tables whose target rows are kept (source names), where the target has rows.
   */
  public List<String> kept() {
    List<String> out = new ArrayList<>();
    for (Framework f : Framework.recognise(plan.catalog())) {
      for (String k : f.kept()) {
        loaded(k).filter(t -> before.filled(t.target())).ifPresent(t -> out.add(t.source().name()));
      }
    }
    return out;
  }

  /** Every recognised history whose table holds rows on both sides, compared by migration. */
  public List<HistoryCheck> histories(Connection sqlite, Connection pg) throws SQLException {
    List<HistoryCheck> out = new ArrayList<>();
    for (Framework f : Framework.recognise(plan.catalog())) {
      history(f, sqlite, pg).ifPresent(out::add);
    }
    return out;
  }

  /** The history compared, when the source table is loaded and the target's holds rows. */
  private Optional<HistoryCheck> history(Framework f, Connection sqlite, Connection pg)
      throws SQLException {
    Optional<TablePlan> t = loaded(f.history().table()).filter(p -> before.filled(p.target()));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    TablePlan p = t.get();
    List<String> ids = f.history().ids();
    Migrations.Applied src = Migrations.read(sqlite, quote(p.source().name()), ids, f.history());
    List<String> targetIds =
        ids.stream().map(i -> p.column(i).map(ColumnPlan::target).orElse(i)).toList();
    Migrations.Applied dst =
        Migrations.read(pg, qualified(plan.schema(), p.target()), targetIds, f.history());
    return Optional.of(
        new HistoryCheck(
            f,
            p.source().name(),
            p.target(),
            p.sourceRows(),
            dst.rows(),
            src.migrations(),
            dst.migrations()));
  }

  private Optional<TablePlan> loaded(String sourceTable) {
    return plan.tables().stream()
        .filter(t -> t.source().name().equalsIgnoreCase(sourceTable))
        .findFirst();
  }

  /**
   * The seeded tables that hold rows, with every table that references them (their rows are emptied
   * too, and must be empty already: nothing else may be lost), when none of those referencing
   * tables holds rows; otherwise none, with a note saying why.
   */
  private Set<String> seeded(Framework f, List<Warning> notes) {
    Set<String> roots = new LinkedHashSet<>();
    for (String s : f.seeded()) {
      loaded(s).filter(t -> before.filled(t.target())).ifPresent(t -> roots.add(t.target()));
    }
    if (roots.isEmpty()) {
      return Set.of();
    }
    Set<String> closure = referencing(roots);
    Set<String> loaded = new HashSet<>(plan.tables().stream().map(TablePlan::target).toList());
    List<String> outside = closure.stream().filter(t -> !loaded.contains(t)).toList();
    List<String> filled =
        closure.stream().filter(t -> !roots.contains(t) && before.filled(t)).toList();
    if (!outside.isEmpty() || !filled.isEmpty()) {
      notes.add(
          Warning.general(
              String.join(", ", roots)
                  + " keep the rows PostgreSQL's migrations wrote: "
                  + String.join(", ", outside.isEmpty() ? filled : outside)
                  + (outside.isEmpty()
                      ? " hold rows that reference them"
                      : " reference them and are not loaded")));
      return Set.of();
    }
    notes.add(
        Warning.general(
            String.join(", ", roots)
                + ": rows written by PostgreSQL's migrations replaced by the source's (other rows"
                + " reference their ids)"));
    return closure;
  }

  /** {@code roots} and every table of the schema that references one of them, transitively. */
  private Set<String> referencing(Set<String> roots) {
    Set<String> out = new LinkedHashSet<>(roots);
    Deque<String> todo = new ArrayDeque<>(roots);
    Set<String> seen = new HashSet<>(roots);
    while (!todo.isEmpty()) {
      String parent = todo.pop();
      for (String t : existing.names()) {
        if (existing.parents(t).contains(parent) && seen.add(t)) {
          out.add(t);
          todo.push(t);
        }
      }
    }
    return out;
  }
}
