package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.TableReport;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.copy.TableCopyResult;
import dev.sqlite2pg.framework.Bookkeeping;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STEP 7: the run's result, one report per table, with warnings and what was not migrated. */
public final class ReportStep {

  private static final Logger LOG = LoggerFactory.getLogger(ReportStep.class);

  private ReportStep() {}

  public static MigrationResult run(
      RunContext run,
      CopyStep.Copied copy,
      SchemaWriter schema,
      Map<String, TableCheck> checks,
      long start,
      Optional<Instant> snapshotAt,
      Plan planned,
      Bookkeeping books) {
    LOG.info("STEP 7: report");
    Plan plan = copy.plan();
    List<Warning> warnings = new ArrayList<>(plan.warnings());
    warnings.addAll(books.notes());
    warnings.addAll(schema.warnings());
    run.mode()
        .tenant()
        .filter(t -> run.options().verify())
        .ifPresent(
            t ->
                warnings.add(
                    Warning.general(
                        "not verified yet: tenant "
                            + t.value()
                            + " is compared with the target after the fleet's last file")));
    List<NotMigrated> notMigrated = new ArrayList<>(plan.notMigrated());
    notMigrated.addAll(schema.notMigrated());
    List<TableReport> tables = new ArrayList<>();
    for (TableCopyResult r : copy.results()) {
      tables.add(table(r, copy, warnings, checks.get(r.sourceTable())));
    }
    tables.addAll(FrameworkStep.keptTables(planned, books));
    return new MigrationResult(
        run.options().source().toString(),
        run.target().display(),
        run.schema(),
        List.copyOf(tables),
        List.copyOf(warnings),
        List.copyOf(notMigrated),
        run.options().verify() && run.mode().tenant().isEmpty(),
        snapshotAt,
        (System.nanoTime() - start) / 1e9);
  }

  private static TableReport table(
      TableCopyResult r, CopyStep.Copied copy, List<Warning> warnings, TableCheck check) {
    List<String> mine =
        warnings.stream()
            .filter(w -> w.table().map(r.sourceTable()::equals).orElse(false))
            .map(Warning::describe)
            .toList();
    Optional<TablePlan> planned = copy.plan().table(r.sourceTable());
    return new TableReport(
        r.sourceTable(),
        r.targetTable(),
        planned.map(TablePlan::sourceRows).orElse(r.readRows()),
        r.copiedRows(),
        r.error().isPresent() ? 0 : copy.existing().skipped(r.sourceTable()),
        r.rejectedRows(),
        r.bytes(),
        r.seconds(),
        mine,
        r.rejected(),
        r.error(),
        Optional.ofNullable(check),
        planned.map(t -> PlanReport.columns(t.columns())).orElse(List.of()));
  }
}
