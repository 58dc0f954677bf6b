package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.pg.TenantScope;
import dev.sqlite2pg.pg.state.FleetState;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.verify.EarlyTargetSide;
import dev.sqlite2pg.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STEP 6: every row compared on both sides, as part of a run or on its own (verify). */
public final class VerifyStep {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyStep.class);

  private VerifyStep() {}

  /** STEP 6 of a run with --no-verify: nothing compared. */
  public static Map<String, TableCheck> skipped() {
    LOG.info("STEP 6: verification skipped (--no-verify)");
    return Map.of();
  }

  /** STEP 6 of a run: the tables just copied, as planned (with --no-verify, {@link #skipped}). */
  public static Map<String, TableCheck> run(RunContext run, SqliteSource source, Plan plan) {
    if (run.mode().tenant().isPresent()) {
      return recorded(run, source, plan, run.mode().tenant().get());
    }
    LOG.info("STEP 6: verifying every row of {} tables", plan.tables().size());
    return afterCopy(run, source, plan).verifyAll().stream()
        .collect(Collectors.toMap(TableCheck::sourceTable, Function.identity()));
  }

  /** STEP 6's verifier: rows the copy rejected are expected to be absent. */
  private static Verifier afterCopy(RunContext run, SqliteSource source, Plan plan) {
    MigrateOptions options = run.options();
    return new Verifier(
            source,
            run.target(),
            options.schema(),
            plan,
            options.detailRows(),
            true,
            options.jobs())
        .scoped(run.mode().tenant())
        .knowing(run.mode().knownTables())
        .listening(run.progress());
  }

  /**
   * STEP 6 of a merged fleet's file: its tables' fingerprints as the source has them, recorded with
   * the fleet; the run that finishes the fleet compares every tenant's at once ({@link
   * MergedFleet#finish}). Nothing is compared yet, so the file's report says it is not verified.
   */
  private static Map<String, TableCheck> recorded(
      RunContext run, SqliteSource source, Plan plan, TenantScope tenant) {
    LOG.info(
        "STEP 6: fingerprints of {} tables recorded; tenant {} is compared after the fleet's last"
            + " file",
        plan.tables().size(),
        tenant.value());
    List<FleetState.TableRows> rows =
        afterCopy(run, source, plan).sourceFingerprints().stream()
            .map(
                f ->
                    new FleetState.TableRows(
                        f.sourceTable(),
                        f.targetTable(),
                        f.sourceRows(),
                        f.fingerprint().count(),
                        f.fingerprint().sum1(),
                        f.fingerprint().sum2()))
            .toList();
    FleetState.recordTables(run.target(), run.schema(), tenant.value(), rows);
    return Map.of();
  }

  /**
   * PostgreSQL's side of verify needs only names: it starts on {@code names}, read from the file
   * before its snapshot is taken, while the snapshot is copied.
   */
  public static EarlyTargetSide startTargetSide(
      RunContext run, SqliteSource source, Catalog names) {
    if (run.mode().tenant().isPresent()) {
      return EarlyTargetSide.NONE; // whole-table fingerprints: one tenant's rows are a part
    }
    Plan early =
        PlanStep.plan(run, source, names, TableSelection.choose(names, run), PlanStep.Depth.NAMES);
    return EarlyTargetSide.start(run.target(), run.schema(), early, run.options().jobs());
  }

  /**
   * verify on its own: every chosen table compared with what the target holds now, whether
   * sqlite2pg loaded it or not (names and types are read back from the target).
   *
   * @param names the catalog the early target side was started from
   */
  public static VerifyResult alone(
      RunContext run,
      SqliteSource source,
      long start,
      Catalog names,
      EarlyTargetSide targetSide,
      StepClock clock) {
    MigrateOptions options = run.options();
    Catalog catalog =
        clock.time(StepClock.reading(source.path()), () -> CatalogStep.run(run, source));
    // A schema changed between the two reads: the early fingerprints may name other columns.
    EarlyTargetSide early = catalog.equals(names) ? targetSide : EarlyTargetSide.NONE;
    List<Table> chosen = TableSelection.choose(catalog, run);
    // Types come from the target; the plan only supplies names and how values are read.
    Plan plan =
        clock.time(
            ProgressListener.Step.PLAN,
            () ->
                PlanStep.withSourceZone(
                    PlanStep.plan(run, source, catalog, chosen, PlanStep.Depth.TARGET_TYPES),
                    options.sourceZone()));
    List<TableCheck> histories = FrameworkStep.histories(run, source, plan);
    Plan rows =
        FrameworkStep.without(plan, histories.stream().map(TableCheck::sourceTable).toList());
    LOG.info("STEP 6: verifying every row of {} tables", rows.tables().size());
    List<TableCheck> checks =
        new ArrayList<>(
            clock.time(
                StepClock.over(ProgressListener.Step.VERIFY, rows),
                () ->
                    new Verifier(
                            source,
                            run.target(),
                            options.schema(),
                            rows,
                            options.detailRows(),
                            false,
                            options.jobs())
                        .scoped(run.mode().tenant())
                        .knowing(run.mode().knownTables())
                        .listening(run.progress())
                        .verifyAll(early)));
    checks.addAll(histories);
    return new VerifyResult(
        options.source().toString(),
        run.target().display(),
        options.schema(),
        checks,
        (System.nanoTime() - start) / 1e9,
        SyncVerify.position(run, source));
  }
}
