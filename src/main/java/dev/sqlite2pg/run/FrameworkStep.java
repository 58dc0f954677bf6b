package dev.sqlite2pg.run;

import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.TableReport;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.framework.Bookkeeping;
import dev.sqlite2pg.framework.Framework;
import dev.sqlite2pg.framework.Frameworks;
import dev.sqlite2pg.framework.HistoryCheck;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STEP 2, its end: the application's framework, recognised by its bookkeeping tables, and what that
 * decides for a load into the tables its migrations created (see {@link Frameworks}).
 */
public final class FrameworkStep {

  private static final Logger LOG = LoggerFactory.getLogger(FrameworkStep.class);

  private FrameworkStep() {}

  /** The bookkeeping decisions; a migration missing on PostgreSQL stops the run here. */
  public static Bookkeeping run(
      RunContext run, SqliteSource source, Plan plan, TargetTables before) {
    List<Framework> found = Framework.recognise(plan.catalog());
    if (found.isEmpty()) {
      return Bookkeeping.NONE;
    }
    List<Warning> recognised = Frameworks.recognised(found);
    recognised.forEach(n -> LOG.info("STEP 2: {}", n.message()));
    if (run.mode().fit() == LoadMode.Fit.NONE) {
      return new Bookkeeping(found, List.of(), List.of(), java.util.Set.of(), List.of());
    }
    Bookkeeping books = examine(run, source, plan, before);
    books.notes().forEach(n -> LOG.info("STEP 2: {}", n.describe()));
    return books;
  }

  private static Bookkeeping examine(
      RunContext run, SqliteSource source, Plan plan, TargetTables before) {
    try (Connection sqlite = source.connect()) {
      try (Connection pg = run.target().open()) {
        ExistingTables existing = ExistingTables.read(pg, plan.schema());
        return new Frameworks(plan, before, existing).examine(sqlite, pg);
      } catch (SQLException e) {
        throw TargetErrors.translate(
            "Reading the migrations applied in schema " + plan.schema(), e, run.target());
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }

  /**
   * verify: the migration histories the target holds, compared by migration instead of by row (the
   * rows are each database's own record of applying them: Django's applied times differ).
   */
  public static List<TableCheck> histories(RunContext run, SqliteSource source, Plan plan) {
    if (Framework.recognise(plan.catalog()).isEmpty()) {
      return List.of();
    }
    TargetTables before =
        TargetTables.read(
            run.target(), plan.schema(), plan.tables().stream().map(TablePlan::target).toList());
    try (Connection sqlite = source.connect()) {
      try (Connection pg = run.target().open()) {
        Frameworks frameworks =
            new Frameworks(plan, before, ExistingTables.read(pg, plan.schema()));
        List<TableCheck> out =
            new ArrayList<>(
                frameworks.histories(sqlite, pg).stream().map(FrameworkStep::check).toList());
        for (String k : frameworks.kept()) {
          plan.table(k).ifPresent(t -> out.add(keptCheck(t)));
        }
        return out;
      } catch (SQLException e) {
        throw TargetErrors.translate(
            "Reading the migrations applied in schema " + plan.schema(), e, run.target());
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }

  /** The plan without {@code tables} (source names). */
  static Plan without(Plan plan, List<String> tables) {
    return new Plan(
        plan.catalog(),
        plan.schema(),
        plan.tables().stream().filter(t -> !tables.contains(t.source().name())).toList(),
        plan.warnings(),
        plan.notMigrated());
  }

  /** The plan without the bookkeeping tables whose target rows are kept: what is loaded. */
  public static Plan load(Plan plan, Bookkeeping books) {
    if (books.histories().isEmpty() && books.kept().isEmpty()) {
      return plan;
    }
    List<TablePlan> loaded =
        plan.tables().stream().filter(t -> !books.keeps(t.source().name())).toList();
    return new Plan(plan.catalog(), plan.schema(), loaded, plan.warnings(), plan.notMigrated());
  }

  /** The report's lines for the tables left out of the load, their target rows kept. */
  static List<TableReport> keptTables(Plan plan, Bookkeeping books) {
    return plan.tables().stream()
        .filter(t -> books.keeps(t.source().name()))
        .map(t -> kept(t, history(books, t), books))
        .toList();
  }

  private static Optional<HistoryCheck> history(Bookkeeping books, TablePlan t) {
    return books.histories().stream()
        .filter(h -> h.sourceTable().equals(t.source().name()))
        .findFirst();
  }

  private static TableReport kept(TablePlan t, Optional<HistoryCheck> h, Bookkeeping books) {
    List<String> notes =
        books.notes().stream()
            .filter(w -> w.table().map(t.source().name()::equals).orElse(false))
            .map(Warning::message)
            .toList();
    return new TableReport(
        t.source().name(),
        t.target(),
        t.sourceRows(),
        0,
        t.sourceRows(),
        0,
        0,
        0,
        notes,
        List.of(),
        Optional.empty(),
        h.map(FrameworkStep::check),
        List.of());
  }

  /** A bookkeeping table that describes the target (Rails' environment): not compared. */
  private static TableCheck keptCheck(TablePlan t) {
    return new TableCheck(
        t.source().name(),
        t.target(),
        t.sourceRows(),
        t.sourceRows(),
        t.sourceRows(),
        true,
        0,
        0,
        0,
        List.of(),
        null,
        0,
        TableCheck.KEPT);
  }

  /** A history compared by migration, as verify reports a table. */
  static TableCheck check(HistoryCheck h) {
    boolean same = h.missingOnTarget().isEmpty();
    return new TableCheck(
        h.sourceTable(),
        h.targetTable(),
        h.sourceRows(),
        h.sourceRows(),
        h.targetRows(),
        same,
        h.missingOnTarget().size(),
        h.onlyOnTarget().size(),
        0,
        List.of(),
        null,
        0,
        "migration (" + String.join(", ", h.framework().history().ids()) + ")");
  }
}
