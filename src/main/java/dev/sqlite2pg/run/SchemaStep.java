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
import java.util.List;
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
  public static SchemaWriter run(
      RunContext run, SqliteSource source, Plan plan, TargetTables before) {
    LoadMode mode = run.mode();
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
      keepRows(run, plan, before, writer);
    } else {
      if (!mode.replaces()) {
        new KeyConflicts(source, run.target(), run.schema(), plan.catalog().utf8())
            .refuse(plan.tables(), before, mode.dataOnly());
      }
      createOrCheck(run, plan, writer);
    }
    return writer;
  }

  private static void createOrCheck(RunContext run, Plan plan, SchemaWriter writer) {
    if (run.mode().dataOnly()) {
      LOG.info(
          "STEP 3: --data-only: {} existing tables in schema {}, checked empty",
          plan.tables().size(),
          run.schema());
      writer.requireEmpty(plan.tables());
      return;
    }
    LOG.info("STEP 3: creating {} tables in schema {}", plan.tables().size(), run.schema());
    writer.createTables(plan.tables(), run.mode().replaces());
  }

  /** --if-exists=skip-existing: tables that exist keep their rows; the others are created. */
  private static void keepRows(
      RunContext run, Plan plan, TargetTables before, SchemaWriter writer) {
    ExistingRows.requireKeys(run.schema(), plan.tables(), before);
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
