package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.copy.Chunk;
import dev.sqlite2pg.copy.CopyScheduler;
import dev.sqlite2pg.copy.ExistingRows;
import dev.sqlite2pg.copy.RejectFiles;
import dev.sqlite2pg.copy.TableCopier;
import dev.sqlite2pg.copy.TableCopyResult;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.pg.state.RunState;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sql.Identifiers;
import dev.sqlite2pg.sqlite.SourceQueries;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STEP 4: every table's rows, in parallel, chunked when large, as the mode says. */
public final class CopyStep {

  private static final Logger LOG = LoggerFactory.getLogger(CopyStep.class);

  private CopyStep() {}

  /**
   * The copy's results, the plan as it stands after any table was planned again, and the rows each
   * table already held.
   */
  public record Copied(Plan plan, List<TableCopyResult> results, ExistingRows existing) {}

  /**
   * Types were chosen assuming the values fit (clean data costs no extra read); a table where a
   * value disagrees is planned again with every value probed, recreated and copied again, so it
   * ends exactly as a probing plan would have planned it.
   *
   * @param post STEP 5, started: told of each table as soon as its rows are in (null when the mode
   *     has no STEP 5 of its own)
   */
  public static Copied run(
      RunContext run,
      SqliteSource source,
      Plan plan,
      RunState state,
      SchemaStep.Prepared prepared,
      TargetTables before,
      SchemaWriter.PostData post) {
    SchemaWriter schema = prepared.writer();
    MigrateOptions options = run.options();
    LoadMode mode = run.mode();
    LOG.info(
        "STEP 4: copying {} rows with {} jobs",
        plan.tables().stream().mapToLong(TablePlan::sourceRows).sum(),
        options.jobs());
    Set<String> probed = ConcurrentHashMap.newKeySet();
    plan.tables().stream()
        .filter(t -> !mode.mayRecreate(before.exists(t.target())))
        .forEach(t -> probed.add(t.source().name()));
    // Rows the target holds are skipped by key: every row with --if-exists=skip-existing, and
    // with --data-only those of the tables whose rows are all identical source rows.
    List<TablePlan> skipping =
        mode.skipsExistingRows()
            ? plan.tables()
            : plan.tables().stream()
                .filter(t -> prepared.identical().contains(t.source().name()))
                .toList();
    ExistingRows existing =
        skipping.isEmpty()
            ? ExistingRows.none(options.schema(), state)
            : ExistingRows.skipExisting(
                options.schema(), skipping, before, state, options.onError());
    Map<String, PlanStep.PlannedTable> replanned = new ConcurrentHashMap<>();
    java.util.function.Predicate<String> created = created(plan, mode, before);
    TableCopier copier =
        new TableCopier(
                source,
                run.target(),
                options.schema(),
                plan.catalog().utf8(),
                options.batchSize(),
                options.onError(),
                state,
                probed::contains,
                existing,
                run.progress())
            .keysDuringLoad(run.mode().keysDuringLoad())
            .created(created)
            .tenant(run.mode().tenant());
    long totalRows = plan.tables().stream().mapToLong(TablePlan::sourceRows).sum();
    List<TableCopyResult> results =
        new CopyScheduler(copier, options.jobs())
            .copyAll(
                plan.tables(),
                loadOrder(run, plan),
                t ->
                    mode.chunks()
                            && splits(t, created.test(t.source().name()), options.jobs(), totalRows)
                        ? chunks(source, t)
                        : List.of(Chunk.ALL),
                t -> {
                  LOG.info(
                      "{}: a value does not fit the type chosen for it; planning the table again"
                          + " with every value read",
                      t.source().name());
                  PlanStep.PlannedTable again = PlanStep.replan(run, source, plan, t);
                  schema.createTables(List.of(again.plan()), true);
                  probed.add(t.source().name());
                  replanned.put(t.source().name(), again);
                  return again.plan();
                },
                r -> {
                  run.progress()
                      .tableCopied(
                          new ProgressListener.TableCopied(
                              r.sourceTable(), r.copiedRows(), r.error().isEmpty()));
                  LOG.info(
                      "copied {}: {} rows{}",
                      r.sourceTable(),
                      r.copiedRows(),
                      existing.skipped(r.sourceTable()) == 0
                          ? ""
                          : " (" + existing.skipped(r.sourceTable()) + " already there)");
                  if (post != null && r.error().isEmpty()) {
                    post.tableReady(r.sourceTable());
                  }
                });
    options.rejectDir().ifPresent(dir -> RejectFiles.write(dir, results));
    return new Copied(PlanStep.withReplanned(plan, replanned), results, existing);
  }

  /**
   * Tables a table must wait for: when the mode loads parents first, the target's foreign keys;
   * otherwise none, and every table may load at once.
   */
  static Map<String, Set<String>> loadOrder(RunContext run, Plan plan) {
    Map<String, Set<String>> waits = new HashMap<>();
    if (!run.mode().parentsFirst()) {
      return waits;
    }
    TargetConnector target = run.target();
    try (Connection dst = target.open()) {
      ExistingTables existing = ExistingTables.read(dst, plan.schema());
      for (TablePlan t : plan.tables()) {
        waits.put(t.target(), existing.parents(t.target()));
      }
      return waits;
    } catch (SQLException e) {
      throw TargetErrors.translate("Reading foreign keys of schema " + plan.schema(), e, target);
    }
  }

  /** The tables (by source name) this run created, so only its copy writes them. */
  private static java.util.function.Predicate<String> created(
      Plan plan, LoadMode mode, TargetTables before) {
    Set<String> created =
        plan.tables().stream()
            .filter(t -> mode.mayRecreate(before.exists(t.target())))
            .map(t -> t.source().name())
            .collect(java.util.stream.Collectors.toSet());
    return created::contains;
  }

  /**
   * Whether a large table is split into chunks (see {@link #chunks}). A table this run created is
   * copied whole, in one transaction that empties it first, so that its rows are written frozen:
   * the server then spends less CPU on it, its COPY and the index builds, ANALYZE and foreign-key
   * checks after (5M rows into 4 tables, 2 cores, the same build in 2 alternating rounds: 7.8-8.5 s
   * of server CPU against 9.4-11.4 s in chunks, the whole run 7.3-7.6 s against 8.4-9.6 s). It is
   * split only when it alone would hold up the others, being more than its share of the rows
   * (1/jobs), and there are more than two jobs: one table's COPY keeps two cores busy already (the
   * client encoding, the server inserting, at once), so two chunks on two cores gained nothing to
   * make up for the frozen rows.
   */
  static boolean splits(TablePlan t, boolean created, int jobs, long totalRows) {
    if (t.sourceRows() <= chunkRows()) {
      return false;
    }
    return !created || explicitChunks() || (jobs > 2 && t.sourceRows() * jobs > totalRows);
  }

  /** Tests ask for chunks of a few rows with the property; then every large table is split. */
  private static boolean explicitChunks() {
    return System.getProperty("sqlite2pg.chunk-rows") != null;
  }

  /** Rows per chunk of a large table (a property, so tests can use small chunks). */
  static long chunkRows() {
    return Long.getLong("sqlite2pg.chunk-rows", 500_000);
  }

  /**
   * A rowid table of more than {@link #chunkRows()} rows in rowid ranges of about that many rows
   * (see {@link Chunk}); other tables whole.
   */
  static List<Chunk> chunks(SqliteSource source, TablePlan t) {
    if (t.source().withoutRowid() || SourceQueries.rowidExpression(t.source()).equals("NULL")) {
      return List.of(Chunk.ALL);
    }
    String rowid = SourceQueries.rowidExpression(t.source());
    try (Connection c = source.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT min("
                    + rowid
                    + "), max("
                    + rowid
                    + ") FROM "
                    + Identifiers.quote(t.source().name()))) {
      rs.next();
      int n = (int) Math.min(64, (t.sourceRows() + chunkRows() - 1) / chunkRows());
      return Chunk.split(rs.getLong(1), rs.getLong(2), n);
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }
}
