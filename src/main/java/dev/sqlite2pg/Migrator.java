package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.copy.CopyScheduler;
import dev.sqlite2pg.copy.ExistingRows;
import dev.sqlite2pg.copy.KeyConflicts;
import dev.sqlite2pg.copy.RejectFiles;
import dev.sqlite2pg.copy.TableCopier;
import dev.sqlite2pg.copy.TableCopyResult;
import dev.sqlite2pg.pg.FilledTables;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.pg.state.RunLock;
import dev.sqlite2pg.pg.state.RunState;
import dev.sqlite2pg.plan.Cast;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.SqliteToPg;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.verify.EarlyTargetSide;
import dev.sqlite2pg.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * START HERE. Moves one SQLite database into PostgreSQL and proves nothing was lost.
 *
 * <pre>{@code
 * MigrationResult r = Migrator.configure()
 *     .source(Path.of("app.db"))
 *     .target(connector)
 *     .build()
 *     .migrate();
 * }</pre>
 *
 * {@link #migrate()} reads as its steps: 1 catalog, 2 plan, 3 schema, 4 copy, 5 post-data,
 * 6 verify, 7 report. Each step is a method here, and the CLI runs them as commands.
 */
public final class Migrator {

  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  private final MigrateOptions options;
  private final TargetConnector target;

  private Migrator(MigrateOptions options, TargetConnector target) {
    this.options = options;
    this.target = target;
  }

  public static Builder configure() {
    return new Builder();
  }

  public MigrateOptions options() {
    return options;
  }

  /** Steps 1 and 2 only: what {@link #migrate()} would do. Writes nothing anywhere. */
  public MigrationPlan plan() {
    SqliteSource source = SqliteSource.open(options.source());
    return step2Plan(source, step1Catalog(source), true);
  }

  public MigrationResult migrate() {
    long start = System.nanoTime();
    SqliteSource opened = SqliteSource.open(options.source());
    try (SqliteSource.Snapshot snapshot = snapshot(opened)) {
      return migrate(snapshot == null ? opened : snapshot.source(),
          Optional.ofNullable(snapshot).map(SqliteSource.Snapshot::at), start);
    }
  }

  /**
   * A database an application has open for writing is copied from a consistent snapshot
   * (--snapshot=auto, the default), so every table comes from the same moment.
   */
  private SqliteSource.Snapshot snapshot(SqliteSource source) {
    boolean take = switch (options.snapshot()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> source.needsSnapshot();
    };
    if (!take) {
      return null;
    }
    LOG.info("STEP 0: taking a consistent snapshot of {}", source.path());
    return source.snapshot();
  }

  @SuppressWarnings("try") // the lock is held by being open, never used
  private MigrationResult migrate(SqliteSource source, Optional<java.time.Instant> snapshotAt,
      long start) {
    Catalog catalog = step1Catalog(source);
    MigrationPlan plan = step2Plan(source, catalog, false);
    try (RunLock lock = RunLock.acquire(target, options.schema())) {
      RunState.Fingerprint fingerprint = Steps.fingerprint(options.source(), catalog, options);
      // What the target holds before STEP 3 writes anything: --if-exists decides by it.
      FilledTables before = options.drop() ? FilledTables.none()
          : FilledTables.read(target, options.schema(), plan.tables());
      SchemaWriter schema = step3Schema(source, plan, before);
      RunState state = options.resume()
          ? RunState.resume(target, options.schema(), fingerprint)
          : RunState.start(target, options.schema(), fingerprint, plan.tables());
      state.warning().ifPresent(w -> LOG.warn("{}", w));
      // STEP 5 starts during STEP 4: a table's keys are built as soon as its rows are in.
      try (SchemaWriter.PostData post = options.dataOnly() ? null
          : schema.startPostData(plan, options.jobs())) {
        Copied copied = step4Copy(source, plan, state, schema, before, post);
        step5PostData(schema, copied, post);
        Map<String, TableCheck> checks = step6Verify(source, copied.plan());
        // A table that failed leaves the run open: --resume copies what is missing.
        if (copied.results().stream().allMatch(r -> r.error().isEmpty())) {
          state.finish();
        }
        return step7Report(copied, schema, checks, start, snapshotAt);
      }
    }
  }

  /**
   * STEP 6 on its own: compares every planned table with what the target holds now, whether
   * sqlite2pg loaded it or not (names and types are read back from the target).
   */
  public VerifyResult verify() {
    long start = System.nanoTime();
    SqliteSource opened = SqliteSource.open(options.source());
    // PostgreSQL's side needs only names: it starts now, while the snapshot is taken.
    Catalog names = Steps.readCatalog(opened);
    MigrationPlan early = Steps.plan(opened, names, Steps.choose(names, options), options,
        Steps.Depth.NAMES);
    // The same snapshot rule as migrate: every table compared as of one moment, and read from
    // a file nobody writes, which is also the fastest to read.
    try (EarlyTargetSide targetSide = EarlyTargetSide.start(target, options.schema(), early,
            options.jobs());
        SqliteSource.Snapshot snapshot = snapshot(opened)) {
      return verify(snapshot == null ? opened : snapshot.source(), start, names, targetSide);
    }
  }

  private VerifyResult verify(SqliteSource source, long start, Catalog names,
      EarlyTargetSide targetSide) {
    Catalog catalog = step1Catalog(source);
    // A schema changed between the two reads: the early fingerprints may name other columns.
    EarlyTargetSide early = catalog.equals(names) ? targetSide : EarlyTargetSide.NONE;
    List<Table> chosen = Steps.choose(catalog, options);
    // Types come from the target; the plan only supplies names and how values are read.
    MigrationPlan plan = Steps.withSourceZone(Steps.plan(source, catalog, chosen, options,
        Steps.Depth.TARGET_TYPES),
        options.sourceZone());
    LOG.info("STEP 6: verifying every row of {} tables", plan.tables().size());
    List<TableCheck> checks = new Verifier(source, target, options.schema(), plan,
        options.detailRows(), false, options.jobs()).verifyAll(early);
    return new VerifyResult(options.source().toString(), target.display(), options.schema(),
        checks, (System.nanoTime() - start) / 1e9);
  }

  // STEP 1
  Catalog step1Catalog(SqliteSource source) {
    LOG.info("STEP 1: reading the catalog of {}{}", options.source(),
        source.path().equals(options.source().toAbsolutePath().normalize()) ? ""
            : " (its snapshot)");
    return Steps.readCatalog(source);
  }

  // STEP 2
  /**
   * @param probe read every value to choose each type (plan, --dry-run); migrate instead
   *     assumes the candidate types fit and lets the copy find out ({@link #step4Copy})
   */
  MigrationPlan step2Plan(SqliteSource source, Catalog catalog, boolean probe) {
    LOG.info("STEP 2: planning {} tables", catalog.tables().size());
    List<Table> chosen = Steps.choose(catalog, options);
    Steps.Depth depth = options.dataOnly() ? Steps.Depth.TARGET_TYPES
        : probe ? Steps.Depth.PROBE : Steps.Depth.PROFILE;
    MigrationPlan plan = Steps.plan(source, catalog, chosen, options, depth);
    // --if-exists=skip-existing loads the tables that exist as --data-only does: into their types.
    MigrationPlan fitted = options.dataOnly() || skipExisting()
        ? Steps.fitToExisting(plan, source, target, options.dataOnly()) : plan;
    return Steps.withSourceZone(fitted, options.sourceZone());
  }

  // STEP 3
  SchemaWriter step3Schema(SqliteSource source, MigrationPlan plan, FilledTables before) {
    Translator translator = new SqliteToPg(plan.tables());
    // Keys, indexes and views that exist are kept: the interrupted run's, or those of the
    // tables whose rows --if-exists=skip-existing keeps.
    SchemaWriter writer = new SchemaWriter(target, options.schema(), translator,
        options.resume() || skipExisting());
    if (options.resume()) {
      LOG.info("STEP 3: --resume: the tables exist; continuing the interrupted run");
      return writer;
    }
    if (skipExisting()) {
      step3KeepRows(plan, before, writer);
      return writer;
    }
    if (!options.drop()) {
      new KeyConflicts(source, target, options.schema(), utf8(plan))
          .refuse(plan.tables(), before, options.dataOnly());
    }
    if (options.dataOnly()) {
      LOG.info("STEP 3: --data-only: {} existing tables in schema {}, checked empty",
          plan.tables().size(), options.schema());
      writer.requireEmpty(plan.tables());
      return writer;
    }
    LOG.info("STEP 3: creating {} tables in schema {}", plan.tables().size(), options.schema());
    writer.createTables(plan.tables(), options.drop());
    return writer;
  }

  /** --if-exists=skip-existing: tables that exist keep their rows; the others are created. */
  private void step3KeepRows(MigrationPlan plan, FilledTables before, SchemaWriter writer) {
    ExistingRows.requireKeys(options.schema(), plan.tables(), before);
    List<TablePlan> missing = before.missing(plan.tables());
    LOG.info("STEP 3: --if-exists=skip-existing: {} tables exist in schema {} and keep their"
        + " rows; creating {}", plan.tables().size() - missing.size(), options.schema(),
        missing.size());
    if (!missing.isEmpty()) {
      writer.createTables(missing, false);
    }
  }

  // STEP 4
  /**
   * The copy's results, the plan as it stands after any table was planned again, and the rows
   * each table already held.
   */
  record Copied(MigrationPlan plan, List<TableCopyResult> results, ExistingRows existing) {}

  /**
   * STEP 4. Types were chosen assuming the values fit (clean data costs no extra read); a table
   * where a value disagrees is planned again with every value probed, recreated and copied
   * again, so it ends exactly as {@link #plan()} would have planned it.
   */
  Copied step4Copy(SqliteSource source, MigrationPlan plan, RunState state,
      SchemaWriter schema, FilledTables before, SchemaWriter.PostData post) {
    LOG.info("STEP 4: copying {} rows with {} jobs",
        plan.tables().stream().mapToLong(TablePlan::sourceRows).sum(), options.jobs());
    java.util.Set<String> probed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // A table that existed before the run is never planned again: that would recreate it.
    plan.tables().stream().filter(t -> options.dataOnly() || options.resume() || before.exists(t))
        .forEach(t -> probed.add(t.source().name()));
    ExistingRows existing = skipExisting()
        ? ExistingRows.skipExisting(options.schema(), plan.tables(), before, state,
            options.onError())
        : ExistingRows.none(options.schema(), state);
    Map<String, Steps.PlannedTable> replanned = new java.util.concurrent.ConcurrentHashMap<>();
    TableCopier copier = new TableCopier(source, target, options.schema(), utf8(plan),
        options.batchSize(), options.onError(), state, probed::contains, existing);
    // Chunks do not depend on --jobs: a resumed run must find the same ones.
    boolean chunked = !options.dataOnly() && !skipExisting();
    List<TableCopyResult> results = new CopyScheduler(copier, options.jobs())
        .copyAll(plan.tables(), Steps.loadOrder(plan, target, options),
            t -> chunked ? Steps.chunks(source, t) : List.of(dev.sqlite2pg.copy.Chunk.ALL), t -> {
          LOG.info("{}: a value does not fit the type chosen for it; planning the table again"
              + " with every value read", t.source().name());
          Steps.PlannedTable again = Steps.replan(source, plan, t, options);
          schema.createTables(List.of(again.plan()), true);
          probed.add(t.source().name());
          replanned.put(t.source().name(), again);
          return again.plan();
        }, r -> {
          LOG.info("copied {}: {} rows{}", r.sourceTable(), r.copiedRows(),
              existing.skipped(r.sourceTable()) == 0 ? ""
                  : " (" + existing.skipped(r.sourceTable()) + " already there)");
          if (post != null && r.error().isEmpty()) {
            post.tableReady(r.sourceTable());
          }
        });
    options.rejectDir().ifPresent(dir -> RejectFiles.write(dir, results));
    return new Copied(Steps.withReplanned(plan, replanned), results, existing);
  }

  private boolean skipExisting() {
    return options.ifExists() == MigrateOptions.IfExists.SKIP_EXISTING;
  }

  private static boolean utf8(MigrationPlan plan) {
    return plan.catalog().encoding().equalsIgnoreCase("UTF-8");
  }

  // STEP 5
  void step5PostData(SchemaWriter schema, Copied copied, SchemaWriter.PostData post) {
    MigrationPlan plan = copied.plan();
    if (options.dataOnly()) {
      LOG.info("STEP 5: --data-only: sequences moved past the loaded keys");
      schema.postDataOnly(plan);
      return;
    }
    List<String> failed = copied.results().stream().filter(r -> r.error().isPresent())
        .map(TableCopyResult::sourceTable).toList();
    if (!failed.isEmpty()) {
      LOG.warn("STEP 5: only the keys and indexes of the tables copied completely: {} did not"
          + " copy completely; --resume copies the rest, then creates the foreign keys,"
          + " sequences and views", String.join(", ", failed));
    } else {
      LOG.info("STEP 5: keys, indexes, constraints, sequences and views");
    }
    schema.finishPostData(post, plan, failed.isEmpty());
  }

  // STEP 6
  Map<String, TableCheck> step6Verify(SqliteSource source, MigrationPlan plan) {
    if (!options.verify()) {
      LOG.info("STEP 6: verification skipped (--no-verify)");
      return Map.of();
    }
    LOG.info("STEP 6: verifying every row of {} tables", plan.tables().size());
    return new Verifier(source, target, options.schema(), plan, options.detailRows(), true,
        options.jobs()).verifyAll().stream()
        .collect(Collectors.toMap(TableCheck::sourceTable, Function.identity()));
  }

  // STEP 7
  MigrationResult step7Report(Copied copy, SchemaWriter schema, Map<String, TableCheck> checks,
      long start, Optional<java.time.Instant> snapshotAt) {
    LOG.info("STEP 7: report");
    MigrationPlan plan = copy.plan();
    List<Warning> warnings = new ArrayList<>(plan.warnings());
    warnings.addAll(schema.warnings());
    List<NotMigrated> notMigrated = new ArrayList<>(plan.notMigrated());
    notMigrated.addAll(schema.notMigrated());
    List<TableReport> tables = new ArrayList<>();
    for (TableCopyResult r : copy.results()) {
      List<String> mine = warnings.stream()
          .filter(w -> w.table().map(r.sourceTable()::equals).orElse(false))
          .map(Warning::describe).toList();
      tables.add(new TableReport(r.sourceTable(), r.targetTable(),
          plan.table(r.sourceTable()).map(TablePlan::sourceRows).orElse(r.readRows()),
          r.copiedRows(), r.error().isPresent() ? 0 : copy.existing().skipped(r.sourceTable()),
          r.rejectedRows(), r.bytes(), r.seconds(), mine, r.rejected(),
          r.error(), Optional.ofNullable(checks.get(r.sourceTable())),
          plan.table(r.sourceTable()).map(TablePlan::columns).orElse(List.of())));
    }
    return new MigrationResult(options.source().toString(), target.display(), options.schema(),
        List.copyOf(tables), List.copyOf(warnings), List.copyOf(notMigrated),
        options.verify(), snapshotAt, (System.nanoTime() - start) / 1e9);
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
    private dev.sqlite2pg.OnError onError = dev.sqlite2pg.OnError.SKIP;
    private boolean drop;
    /** Null until set: --if-exists=fail given with --drop is an error, the default is not. */
    private MigrateOptions.IfExists ifExists;
    private boolean dataOnly;
    private boolean resume;
    private MigrateOptions.Snapshot snapshot = MigrateOptions.Snapshot.AUTO;
    private boolean keepCase;
    private List<String> casts = List.of();
    private MappingConfig config = MappingConfig.EMPTY;
    private List<String> only = List.of();
    private java.time.ZoneId sourceZone = java.time.ZoneOffset.UTC;
    private boolean verify = true;
    private Path rejectDir;
    private int detailRows = 20;

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
    public Builder onError(dev.sqlite2pg.OnError onError) {
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
     * What to do with rows the target's tables already hold: refuse, naming the keys (FAIL,
     * the default), or load only the rows whose primary key is missing (SKIP_EXISTING).
     */
    public Builder ifExists(MigrateOptions.IfExists ifExists) {
      this.ifExists = ifExists;
      return this;
    }

    public Builder keepCase(boolean keepCase) {
      this.keepCase = keepCase;
      return this;
    }

    /** The mapping file: groups, renames, casts and exclusions. */
    public Builder config(MappingConfig config) {
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

    public Builder rejectDir(Path dir) {
      this.rejectDir = dir;
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
        throw new MigrationException(Code.BAD_ARGUMENTS,
            "--batch-size must be at least 1, not " + batchSize);
      }
      requireIfExistsFitsDrop();
      List<Cast> parsed = casts.stream().map(Cast::parse).toList();
      return new Migrator(new MigrateOptions(source, schema, tables, exclude, jobs, batchSize,
          onError, drop, ifExists == null ? MigrateOptions.IfExists.FAIL : ifExists, dataOnly,
          resume, snapshot,
          keepCase, parsed, config, only, sourceZone, verify, detailRows, Optional.ofNullable(rejectDir)), target);
    }

    /** --drop replaces the tables, so what to do with the rows they hold cannot also be said. */
    private void requireIfExistsFitsDrop() {
      if (!drop || ifExists == null) {
        return;
      }
      throw new MigrationException(Code.BAD_ARGUMENTS, ifExists == MigrateOptions.IfExists.FAIL
          ? "--if-exists=fail has no effect with --drop, which replaces the tables whatever"
              + " they hold: pass one or the other"
          : "--if-exists=skip-existing keeps the rows the target's tables hold and --drop"
              + " replaces the tables: pass one or the other");
    }
  }
}
