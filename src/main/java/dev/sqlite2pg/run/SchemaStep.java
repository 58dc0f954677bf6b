package dev.sqlite2pg.run;

import dev.sqlite2pg.copy.ExistingRows;
import dev.sqlite2pg.copy.KeyConflicts;
import dev.sqlite2pg.pg.ServerFeatures;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.SqliteToPg;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STEP 3: the schema and its tables, as the run's {@link LoadMode} says. */
public final class SchemaStep {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaStep.class);

  private SchemaStep() {}

  /**
   * Creates what the mode creates and refuses what it refuses, before any row is written.
   *
   * @param before what the target held before this step wrote anything
   */
  /**
   * The writer for STEP 5, and the source tables whose target rows are all identical source rows
   * (--data-only): their copy leaves those rows as they are.
   */
  public record Prepared(SchemaWriter writer, Set<String> identical) {}

  public static Prepared run(
      RunContext run, SqliteSource source, Plan plan, TargetTables before, Set<String> seeded) {
    LoadMode mode = run.mode();
    if (mode.tenant().isPresent()) {
      // One file of a merged fleet: no DDL of its own, so no server features to read either
      // (a query per file, measured on 200 files).
      SchemaWriter writer =
          new SchemaWriter(run.target(), run.schema(), new SqliteToPg(plan.tables()), true);
      mergeInto(run, plan, writer);
      return new Prepared(writer, Set.of());
    }
    // Keys, indexes and views that exist are kept: the interrupted run's, or those of the
    // tables whose rows --if-exists=skip-existing keeps.
    SchemaWriter writer =
        new SchemaWriter(
            run.target(),
            run.schema(),
            new SqliteToPg(plan.tables(), ServerFeatures.read(run.target())),
            mode.objectsMayExist());
    if (mode.resumes()) {
      LOG.info("STEP 3: --resume: the tables exist; continuing the interrupted run");
    } else if (mode.skipsExistingRows()) {
      keepRows(run, plan, before, writer, seeded);
    } else {
      Set<String> emptied = emptied(mode, plan, before, seeded);
      List<TablePlan> kept =
          plan.tables().stream().filter(t -> !emptied.contains(t.target())).toList();
      Set<String> identical =
          mode.replaces()
              ? Set.of()
              : new KeyConflicts(source, run.target(), run.schema(), plan.catalog().utf8())
                  .refuse(kept, before, mode.dataOnly());
      identical.forEach(
          t ->
              LOG.info(
                  "STEP 3: {}: the rows the target holds are all identical source rows; they are"
                      + " left as they are",
                  t));
      createOrCheck(
          run,
          plan,
          writer,
          kept.stream().filter(t -> !identical.contains(t.source().name())).toList(),
          emptied,
          before);
      return new Prepared(writer, identical);
    }
    return new Prepared(writer, Set.of());
  }

  /**
   * One file of a merged fleet: the tables exist (the fleet created them); a file loaded again has
   * its tenant's earlier rows deleted first. Only then: a DELETE scans the whole merged table.
   */
  private static void mergeInto(RunContext run, Plan plan, SchemaWriter writer) {
    LoadMode.Merge merge = (LoadMode.Merge) run.mode();
    LOG.info(
        "STEP 3: --merge: tenant {} into {} tables of schema {}{}",
        merge.scope().value(),
        plan.tables().size(),
        run.schema(),
        merge.again() ? "; its rows from the interrupted attempt deleted" : "");
    if (merge.again()) {
      writer.deleteTenant(plan.tables(), merge.scope());
    }
  }

  /**
   * The tables STEP 3 empties: every loaded table that exists, with --if-exists=replace; otherwise
   * the tables a framework's migrations seeded, with those that reference them.
   */
  private static Set<String> emptied(
      LoadMode mode, Plan plan, TargetTables before, Set<String> seeded) {
    if (!mode.emptiesTables()) {
      return seeded;
    }
    Set<String> all = new LinkedHashSet<>(seeded);
    plan.tables().stream().map(TablePlan::target).filter(before::filled).forEach(all::add);
    return all;
  }

  private static void createOrCheck(
      RunContext run,
      Plan plan,
      SchemaWriter writer,
      List<TablePlan> kept,
      Set<String> emptied,
      TargetTables before) {
    if (run.mode().dataOnly()) {
      LOG.info(
          "STEP 3: --data-only: {} existing tables in schema {}, checked empty{}",
          plan.tables().size(),
          run.schema(),
          emptied.isEmpty() ? "" : "; emptying " + String.join(", ", emptied));
      writer.requireEmpty(kept);
      writer.empty(emptied);
      return;
    }
    if (run.mode().emptiesTables()) {
      List<TablePlan> missing =
          plan.tables().stream().filter(t -> !before.exists(t.target())).toList();
      LOG.info(
          "STEP 3: --if-exists=replace: emptying {} ; creating {} tables",
          emptied.isEmpty() ? "no tables" : String.join(", ", emptied),
          missing.size());
      writer.empty(emptied);
      writer.createTables(missing, false);
      return;
    }
    writer.empty(emptied);
    LOG.info("STEP 3: creating {} tables in schema {}", plan.tables().size(), run.schema());
    writer.createTables(plan.tables(), run.mode().replaces());
  }

  /** --if-exists=skip-existing: tables that exist keep their rows; the others are created. */
  private static void keepRows(
      RunContext run, Plan plan, TargetTables before, SchemaWriter writer, Set<String> seeded) {
    ExistingRows.requireKeys(
        run.schema(),
        plan.tables().stream().filter(t -> !seeded.contains(t.target())).toList(),
        before);
    writer.empty(seeded);
    List<TablePlan> missing =
        plan.tables().stream().filter(t -> !before.exists(t.target())).toList();
    LOG.info(
        "STEP 3: --if-exists=skip-existing: {} tables exist in schema {} and keep their"
            + " rows; creating {}",
        plan.tables().size() - missing.size(),
        run.schema(),
        missing.size());
    if (!missing.isEmpty()) {
      writer.createTables(missing, false);
    }
  }
}
