package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.ProgressListener.Step;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.framework.Bookkeeping;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.pg.state.RunFingerprint;
import dev.sqlite2pg.pg.state.RunLock;
import dev.sqlite2pg.pg.state.RunState;
import dev.sqlite2pg.plan.Cast;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetFit;
import dev.sqlite2pg.run.CatalogStep;
import dev.sqlite2pg.run.CopyStep;
import dev.sqlite2pg.run.Cutover;
import dev.sqlite2pg.run.FrameworkStep;
import dev.sqlite2pg.run.LoadMode;
import dev.sqlite2pg.run.PlanReport;
import dev.sqlite2pg.run.PlanStep;
import dev.sqlite2pg.run.PostDataStep;
import dev.sqlite2pg.run.ReportStep;
import dev.sqlite2pg.run.Rollback;
import dev.sqlite2pg.run.RunContext;
import dev.sqlite2pg.run.SchemaStep;
import dev.sqlite2pg.run.SnapshotStep;
import dev.sqlite2pg.run.StepClock;
import dev.sqlite2pg.run.SyncSteps;
import dev.sqlite2pg.run.SyncVerify;
import dev.sqlite2pg.run.VerifyStep;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.verify.EarlyTargetSide;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * START HERE. Moves one SQLite database into PostgreSQL and proves nothing was lost.
 *
 * <pre>{@code
 * MigrationResult r = Migrator.configure()
 *     .source(Path.of("app.db"))
 *     .target(Targets.of("postgresql://app@db.example.com/app"))
 *     .build()
 *     .migrate();
 * }</pre>
 *
 * {@link #migrate()} reads as its steps: 0 snapshot, 1 catalog, 2 plan, 3 schema, 4 copy, 5
 * post-data, 6 verify, 7 report; each is a class of the internal {@code run} package, and the run's
 * {@code LoadMode} says what {@code --drop}, {@code --data-only}, {@code --if-exists} and {@code
 * --resume} change in each. {@link #plan()} is steps 1 and 2, {@link #verify()} step 6 on its own.
 */
public final class Migrator {

  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  private final RunContext run;
  private final Cancellation cancellation;

  private Migrator(RunContext run, Cancellation cancellation) {
    this.run = run;
    this.cancellation = cancellation;
  }

  public static Builder configure() {
    return new Builder();
  }

  public MigrateOptions options() {
    return run.options();
  }

  /** This run's context (for {@link Fleet}). */
  RunContext run() {
    return run;
  }

  /** This run with its connections from {@code target} (a fleet's shared connections). */
  Migrator withTarget(TargetConnector target) {
    return new Migrator(run.withTarget(target), cancellation);
  }

  /** What stops this run from another thread (the CLI's Ctrl-C). */
  Cancellation cancellation() {
    return cancellation;
  }

  /**
   * A run like this one over one file of a fleet ({@link Fleet}): its source, the schema it loads
   * into, its share of --jobs, its mode and its connections.
   */
  Migrator forFile(
      Path file, String schema, String unit, int jobs, LoadMode mode, TargetConnector target) {
    return new Migrator(
        new RunContext(
            run.options().forFile(file, schema, jobs, unit),
            target,
            mode,
            run.casts(),
            run.config(),
            run.progress()),
        cancellation);
  }

  /** Steps 1 and 2 only: what {@link #migrate()} would do. Writes nothing anywhere. */
  public MigrationPlan plan() {
    SqliteSource source = SqliteSource.open(run.options().source());
    return PlanReport.of(PlanStep.run(run, source, CatalogStep.run(run, source), true), run.mode());
  }

  @SuppressWarnings("try") // the snapshot is deleted on close; it is read through its source
  public MigrationResult migrate() {
    long start = System.nanoTime();
    StepClock clock = new StepClock(run.progress());
    try {
      SqliteSource opened = SqliteSource.open(run.options().source());
      Optional<SqliteSource.Snapshot> snapshot =
          clock.time(Step.SNAPSHOT, () -> SnapshotStep.take(run.options().snapshot(), opened));
      try (Temporary closing = temporary(snapshot)) {
        return migrate(
            snapshot.map(SqliteSource.Snapshot::source).orElse(opened),
            snapshot.map(SqliteSource.Snapshot::at),
            start,
            clock);
      }
    } catch (RuntimeException e) {
      throw cancellation.interrupted(e, "nothing committed yet");
    }
  }

  /**
   * The snapshot, registered with the cancellation: deleted by the run on its way out, or by the
   * CLI when the run does not get there in time after Ctrl-C.
   */
  private Temporary temporary(Optional<SqliteSource.Snapshot> snapshot) {
    // Never the user's own file, held in place: only a copy is the run's to delete.
    Optional<SqliteSource.Snapshot> copy = snapshot.filter(s -> !s.inPlace());
    copy.ifPresent(s -> cancellation.temporary(s.source().path()));
    return new Temporary(snapshot, cancellation);
  }

  /** A snapshot deleted on close, and then no longer the cancellation's to delete. */
  private record Temporary(Optional<SqliteSource.Snapshot> snapshot, Cancellation cancellation)
      implements AutoCloseable {
    @Override
    public void close() {
      snapshot.ifPresent(
          s -> {
            s.close();
            if (!s.inPlace()) {
              cancellation.deleted(s.source().path());
            }
          });
    }
  }

  @SuppressWarnings("try") // the lock is held by being open, never used
  private MigrationResult migrate(
      SqliteSource source, Optional<Instant> snapshotAt, long start, StepClock clock) {
    Catalog catalog =
        clock.time(StepClock.reading(source.path()), () -> CatalogStep.run(run, source));
    Plan plan = clock.time(Step.PLAN, () -> PlanStep.run(run, source, catalog, false));
    try (RunLock lock = RunLock.acquire(run.target(), run.lockName())) {
      RunFingerprint fingerprint =
          RunFingerprint.of(run.options().source(), catalog, run.options(), run.casts());
      TargetTables before = targetBefore(plan);
      Bookkeeping books =
          clock.time(Step.FRAMEWORK, () -> FrameworkStep.run(run, source, plan, before));
      Plan load = FrameworkStep.load(plan, books);
      SchemaStep.Prepared prepared =
          clock.time(
              StepClock.over(Step.SCHEMA, load),
              () -> SchemaStep.run(run, source, load, before, books.seeded()));
      SchemaWriter schema = prepared.writer();
      RunState state = runState(fingerprint, load);
      try (SchemaWriter.PostData post = PostDataStep.start(run, schema, load)) {
        cancellation.check("nothing committed yet");
        CopyStep.Copied copied =
            clock.time(
                StepClock.over(Step.COPY, load),
                () -> copy(source, load, state, prepared, before, post));
        String committed = committed(copied);
        cancellation.check(committed);
        try {
          clock.time(
              PostDataStep.totals(run, copied, post),
              () -> PostDataStep.finish(run, source, schema, copied, post));
          cancellation.check(committed + " (keys and indexes not finished)");
        } catch (RuntimeException e) {
          throw cancellation.interrupted(e, committed + " (keys and indexes not finished)");
        }
        Map<String, TableCheck> checks =
            run.options().verify()
                ? clock.time(
                    StepClock.over(Step.VERIFY, copied.plan()),
                    () -> verified(source, copied, committed))
                : VerifyStep.skipped();
        // A table that failed leaves the run open: --resume copies what is missing.
        if (copied.results().stream().allMatch(r -> r.error().isEmpty())) {
          state.finish();
        }
        MigrationResult result =
            clock.time(
                Step.REPORT,
                () -> ReportStep.run(run, copied, schema, checks, start, snapshotAt, plan, books));
        return result.withSteps(clock.steps());
      }
    }
  }

  /** STEP 4, or the interruption that stopped it, saying what it had committed. */
  private CopyStep.Copied copy(
      SqliteSource source,
      Plan load,
      RunState state,
      SchemaStep.Prepared prepared,
      TargetTables before,
      SchemaWriter.PostData post) {
    try {
      return CopyStep.run(run, source, load, state, prepared, before, post);
    } catch (RuntimeException e) {
      // The workers' results are lost with the exception; the run state has what committed.
      throw cancellation.interrupted(e, "the tables and chunks committed are recorded");
    }
  }

  /** STEP 6, or the interruption that stopped it (every row is in by then). */
  private Map<String, TableCheck> verified(
      SqliteSource source, CopyStep.Copied copied, String committed) {
    try {
      Map<String, TableCheck> checks = VerifyStep.run(run, source, copied.plan());
      cancellation.check(committed + " (verify not finished)");
      return checks;
    } catch (RuntimeException e) {
      throw cancellation.interrupted(e, committed + " (verify not finished)");
    }
  }

  /**
   * "3 of 11 tables and 1,204,311 rows committed": tables whose rows and progress record are in,
   * and the rows of those and of the committed chunks of the others (a failed chunk counts 0).
   */
  private static String committed(CopyStep.Copied copied) {
    long tables = copied.results().stream().filter(r -> r.error().isEmpty()).count();
    long rows = copied.results().stream().mapToLong(r -> r.copiedRows()).sum();
    return String.format(
        java.util.Locale.ROOT,
        "%d of %d tables and %,d rows committed",
        tables,
        copied.results().size(),
        rows);
  }

  /** What the target holds before STEP 3 writes anything: --if-exists decides by it. */
  private TargetTables targetBefore(Plan plan) {
    return run.mode().readsTargetFirst()
        ? TargetTables.read(
            run.target(), run.schema(), plan.tables().stream().map(TablePlan::target).toList())
        : TargetTables.none();
  }

  private RunState runState(RunFingerprint fingerprint, Plan plan) {
    if (run.mode().tenant().isPresent()) {
      return RunState.unrecorded(run.target()); // the fleet's own record says which files are in
    }
    RunState state =
        run.mode().resumes()
            ? RunState.resume(run.target(), run.schema(), fingerprint)
            : RunState.start(run.target(), run.schema(), fingerprint, plan.tables());
    state.warning().ifPresent(w -> LOG.warn("{}", w));
    return state;
  }

  /**
   * {@code sync start}: change capture installed in the source file (the only command that writes
   * it besides {@code sync stop}), the copy as {@link #migrate()} makes it but without foreign keys
   * (cut-over adds them), then the boundary recorded and the PostgreSQL fence up. {@link #syncRun}
   * then applies the application's changes. In progress (issue 12).
   */
  @SuppressWarnings("try") // the snapshot is deleted on close; it is read through its source
  public MigrationResult syncStart() {
    long start = System.nanoTime();
    if (SyncSteps.install(run)) {
      SyncSteps.dropInterruptedCopy(run); // a sync start killed mid-copy: copy again, cleanly
    }
    Migrator copy = new Migrator(run.withMode(new LoadMode.SyncCopy()), cancellation);
    RunContext fitted = run.withMode(new LoadMode.DataOnly(LoadMode.Existing.REFUSE));
    MigrationResult copied;
    long boundary;
    Plan plan;
    // Always from a snapshot, whatever --snapshot says: the boundary is read from the very file
    // the copy reads, so each change is either in the copy or after the boundary (design 3.3).
    SqliteSource.Snapshot snapshot = SqliteSource.open(run.options().source()).snapshot();
    try (Temporary closing = temporary(Optional.of(snapshot))) {
      boundary = SyncSteps.boundary(snapshot.source());
      copied =
          copy.migrate(
              snapshot.source(), Optional.of(snapshot.at()), start, new StepClock(run.progress()));
      if (copied.exitCode() != 0) {
        SyncSteps.uninstall(run.options().source());
        return copied;
      }
      plan =
          PlanStep.run(
              fitted, snapshot.source(), CatalogStep.run(fitted, snapshot.source()), false);
    } catch (MigrationException | IllegalStateException e) {
      if (cancellation.cancelled()) {
        // As after kill -9: capture stays, and the next sync start drops this copy and copies
        // again (SyncSteps.install); removed here, the copy's tables would refuse that start.
        throw new MigrationException(
            Code.INTERRUPTED,
            "interrupted: the copy stopped; change capture stays installed in the file (sync stop"
                + " removes it), and sync start drops this copy and copies again",
            e);
      }
      SyncSteps.uninstall(run.options().source()); // the file as it was
      throw e;
    }
    SyncSteps.started(run, plan, boundary);
    return copied;
  }

  /** Applies the source's changes to the target until {@code stop} says so; the last id applied. */
  public long syncRun(java.util.function.BooleanSupplier stop) {
    return syncRun(stop, SyncServe.NONE);
  }

  /**
   * As {@link #syncRun(java.util.function.BooleanSupplier)}, serving the status over HTTP as {@code
   * serve} says meanwhile.
   */
  public long syncRun(java.util.function.BooleanSupplier stop, SyncServe serve) {
    RunContext ctx = run.withMode(new LoadMode.DataOnly(LoadMode.Existing.REFUSE));
    // Planned again on each attempt after a passing failure: the live file is read here too.
    return SyncSteps.apply(
        run,
        () -> {
          SqliteSource source = SqliteSource.open(run.options().source());
          return PlanStep.runEach(ctx, source, CatalogStep.run(ctx, source));
        },
        stop,
        serve);
  }

  /**
   * {@code sync verify}: PostgreSQL brought to a snapshot's change position and verified against
   * that snapshot (design 3.6); the result is recorded for cut-over. Refused while sync run follows
   * (it holds the run lock).
   */
  public VerifyResult syncVerify() {
    return SyncVerify.verifyAt(
        run.withMode(new LoadMode.DataOnly(LoadMode.Existing.REFUSE)), System.nanoTime());
  }

  /**
   * {@code cutover} (design 3.7): the application's writes moved from SQLite to PostgreSQL, with
   * SQLite's write lock held for the drain only; or, with {@link CutoverOptions#resume()}, a
   * cut-over that stopped part way finished (SQLite committed it) or undone (it did not). Refused,
   * with nothing changed, while sync run follows, or when a precondition fails.
   */
  public CutoverResult cutover(CutoverOptions options) {
    RunContext ctx = run.withMode(new LoadMode.DataOnly(LoadMode.Existing.REFUSE));
    SqliteSource source = SqliteSource.open(run.options().source());
    TargetFit.Fitted fitted = PlanStep.runEach(ctx, source, CatalogStep.run(ctx, source));
    if (!fitted.unfit().isEmpty()) {
      throw new MigrationException(
          MigrationException.Code.NOT_READY,
          "cut-over not started, nothing changed: "
              + String.join(", ", fitted.unfit().keySet())
              + " no longer fit their PostgreSQL tables: make the same change in PostgreSQL, run"
              + " sqlite2pg sync run and sync verify, then cut over");
    }
    return Cutover.run(ctx, fitted.plan(), options);
  }

  /**
   * {@code rollback} (design 3.8): the application's writes back from PostgreSQL to SQLite, with
   * every write it made on PostgreSQL; or, with {@link RollbackOptions#resume()}, a rollback that
   * stopped after its decision finished. Forward sync then follows again, for a second cut-over.
   */
  public RollbackResult rollback(RollbackOptions options) {
    RunContext ctx = run.withMode(new LoadMode.DataOnly(LoadMode.Existing.REFUSE));
    SqliteSource source = SqliteSource.open(run.options().source());
    return Rollback.run(
        ctx, PlanStep.run(ctx, source, CatalogStep.run(ctx, source), false), options);
  }

  /**
   * {@code assess}: every object of the database with what it needs from a person (a level, the
   * reason, a count, examples), the expected time, a total estimate; with {@link
   * AssessOptions#checkTarget()} the translated views and defaults tried on the target and rolled
   * back; with {@link AssessOptions#code()} the application's code scanned. Writes nothing.
   */
  public Assessment assess(AssessOptions options) {
    return Assessor.run(run, options);
  }

  /** {@code sync status}: where sync stands, read from both databases; writes to neither. */
  public SyncStatus syncStatus() {
    return SyncSteps.status(run);
  }

  /**
   * {@code sync stop}: capture removed from the source file, fence and progress from the target.
   */
  public void syncStop() {
    SyncSteps.stop(run, run.options().source(), syncPlan(new LoadMode.Create()));
  }

  /** The plan of the synced tables: fitted to the target's tables, or only named. */
  private Plan syncPlan(LoadMode mode) {
    RunContext ctx = run.withMode(mode);
    SqliteSource source = SqliteSource.open(run.options().source());
    return PlanStep.run(ctx, source, CatalogStep.run(ctx, source), false);
  }

  /**
   * STEP 6 on its own: compares every planned table with what the target holds now, whether
   * sqlite2pg loaded it or not (names and types are read back from the target).
   */
  public VerifyResult verify() {
    try {
      return verifyNow();
    } catch (RuntimeException e) {
      throw cancellation.interrupted(e, "verify stopped; it changes nothing");
    }
  }

  @SuppressWarnings("try") // as in migrate()
  private VerifyResult verifyNow() {
    long start = System.nanoTime();
    StepClock clock = new StepClock(run.progress());
    SqliteSource opened = SqliteSource.open(run.options().source());
    Catalog names = CatalogStep.read(opened);
    // The same snapshot rule as migrate: every table compared as of one moment, and read from
    // a file nobody writes, which is also the fastest to read.
    try (EarlyTargetSide targetSide = VerifyStep.startTargetSide(run, opened, names)) {
      Optional<SqliteSource.Snapshot> snapshot =
          clock.time(Step.SNAPSHOT, () -> SnapshotStep.take(run.options().snapshot(), opened));
      try (Temporary closing = temporary(snapshot)) {
        return VerifyStep.alone(
            run,
            snapshot.map(SqliteSource.Snapshot::source).orElse(opened),
            start,
            names,
            targetSide,
            clock);
      }
    }
  }

  /** Builds a validated {@link Migrator}; every option has a default except source and target. */
  public static final class Builder {
    private Path source;
    private TargetConnector target;
    private String schema = "public";
    private List<String> tables = List.of();
    private List<String> exclude = List.of();
    private int jobs = Runtime.getRuntime().availableProcessors();
    private int batchSize = 100_000;
    private OnError onError = OnError.SKIP;
    private boolean drop;

    /** Null until set: --if-exists=fail given with --drop is an error, the default is not. */
    private MigrateOptions.IfExists ifExists;

    private boolean dataOnly;
    private boolean resume;
    private MigrateOptions.Snapshot snapshot = MigrateOptions.Snapshot.AUTO;
    private boolean keepCase;
    private List<String> casts = List.of();
    private Path config;
    private List<String> only = List.of();
    private java.time.ZoneId sourceZone = java.time.ZoneOffset.UTC;
    private boolean verify = true;
    private Path rejectDir;
    private int detailRows = 20;
    private ProgressListener progress = ProgressListener.NONE;
    private Cancellation cancellation = new Cancellation();

    public Builder source(Path source) {
      this.source = source;
      return this;
    }

    public Builder target(TargetConnector target) {
      this.target = target;
      return this;
    }

    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    public Builder tables(List<String> globs) {
      this.tables = List.copyOf(globs);
      return this;
    }

    public Builder exclude(List<String> globs) {
      this.exclude = List.copyOf(globs);
      return this;
    }

    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    /** What a refused row costs: itself (SKIP, the default) or its table (ABORT). */
    public Builder onError(OnError onError) {
      this.onError = onError;
      return this;
    }

    public Builder batchSize(int rows) {
      this.batchSize = rows;
      return this;
    }

    /** Load into the tables the application created: no DDL, values converted to their types. */
    public Builder dataOnly(boolean dataOnly) {
      this.dataOnly = dataOnly;
      return this;
    }

    /** When to copy from a consistent snapshot (default: when the file is open for writing). */
    public Builder snapshot(MigrateOptions.Snapshot snapshot) {
      this.snapshot = snapshot;
      return this;
    }

    /** Continue an interrupted run: refused when the source or the options changed since. */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    public Builder drop(boolean drop) {
      this.drop = drop;
      return this;
    }

    /**
     * What to do with rows the target's tables already hold: refuse, naming the keys (FAIL, the
     * default), or load only the rows whose primary key is missing (SKIP_EXISTING).
     */
    public Builder ifExists(MigrateOptions.IfExists ifExists) {
      this.ifExists = ifExists;
      return this;
    }

    public Builder keepCase(boolean keepCase) {
      this.keepCase = keepCase;
      return this;
    }

    /** The mapping file (YAML): groups, renames, casts and exclusions. */
    public Builder config(Path config) {
      this.config = config;
      return this;
    }

    /** The zone of text times without an offset, when they go into timestamptz columns. */
    public Builder sourceTimezone(java.time.ZoneId zone) {
      this.sourceZone = zone;
      return this;
    }

    /** Only the tables of these groups of the mapping file. */
    public Builder only(List<String> groups) {
      this.only = List.copyOf(groups);
      return this;
    }

    public Builder casts(List<String> casts) {
      this.casts = List.copyOf(casts);
      return this;
    }

    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    /** How many differing rows verification keeps per table, in detail. */
    public Builder detailRows(int rows) {
      this.detailRows = rows;
      return this;
    }

    /**
     * Who hears of the run's progress: each step with its totals and duration, rows and bytes per
     * batch, STEP 5's statements, verify's rows (see {@link ProgressListener} for its threads).
     */
    public Builder progress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "No progress listener provided");
      return this;
    }

    public Builder rejectDir(Path dir) {
      this.rejectDir = dir;
      return this;
    }

    /**
     * What stops the run from another thread ({@link Cancellation#cancel()}: the CLI's Ctrl-C); the
     * run then throws {@link MigrationException.Code#INTERRUPTED}. Default: one nobody cancels.
     */
    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = Objects.requireNonNull(cancellation, "No cancellation provided");
      return this;
    }

    /** Validates everything once, with messages that say what to do. */
    public Migrator build() {
      if (source == null) {
        throw new MigrationException(Code.BAD_ARGUMENTS, "No SQLite source file provided");
      }
      Objects.requireNonNull(target, "No target provided");
      if (schema == null || schema.isBlank()) {
        throw new MigrationException(Code.BAD_ARGUMENTS, "--schema must name a schema");
      }
      if (jobs < 1 || jobs > 64) {
        throw new MigrationException(Code.BAD_ARGUMENTS, "--jobs must be 1 to 64, not " + jobs);
      }
      if (batchSize < 1) {
        throw new MigrationException(
            Code.BAD_ARGUMENTS, "--batch-size must be at least 1, not " + batchSize);
      }
      // One line for options that do not go together (--drop with --data-only, ...).
      LoadMode mode = LoadMode.of(drop, ifExists, dataOnly, resume);
      if (!only.isEmpty() && config == null) {
        throw new MigrationException(
            Code.BAD_ARGUMENTS,
            "--only names groups of a mapping file: pass --config FILE.yaml too");
      }
      List<Cast> parsed = casts.stream().map(Cast::parse).toList();
      MappingConfig mapping = config == null ? MappingConfig.EMPTY : MappingConfig.load(config);
      MigrateOptions options =
          new MigrateOptions(
              source,
              schema,
              tables,
              exclude,
              jobs,
              batchSize,
              onError,
              drop,
              ifExists == null ? MigrateOptions.IfExists.FAIL : ifExists,
              dataOnly,
              resume,
              snapshot,
              keepCase,
              casts,
              Optional.ofNullable(config),
              only,
              sourceZone,
              verify,
              detailRows,
              Optional.ofNullable(rejectDir));
      TargetConnector guarded = cancellation.guard(target);
      return new Migrator(
          new RunContext(options, guarded, mode, parsed, mapping, progress), cancellation);
    }
  }
}
