package dev.sqlite2pg;

import dev.sqlite2pg.FleetResult.FileOutcome;
import dev.sqlite2pg.FleetResult.Status;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TenantScope;
import dev.sqlite2pg.pg.connect.KeptConnector;
import dev.sqlite2pg.pg.connect.PooledConnector;
import dev.sqlite2pg.pg.state.FleetState;
import dev.sqlite2pg.pg.state.RunState;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.run.FleetFile;
import dev.sqlite2pg.run.FleetFiles;
import dev.sqlite2pg.run.FleetRunner;
import dev.sqlite2pg.run.LoadMode;
import dev.sqlite2pg.run.MergedFleet;
import dev.sqlite2pg.run.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several SQLite files into one PostgreSQL (issue 15): a directory of stores, each into a schema
 * named after its file, or a fleet of tenant files with one schema, merged into one set of tables
 * with a tenant column ({@link FleetOptions#merge()}). Each file runs as {@link Migrator} runs one,
 * within one --jobs budget; the target records which files are in, so --resume skips them, and
 * --shard K/N splits the files between machines.
 *
 * <pre>{@code
 * FleetResult r = Fleet.of(Migrator.configure().source(first).target(t).build(), files, options)
 *     .migrate();
 * }</pre>
 */
public final class Fleet {

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  private final Migrator template;
  private final List<Path> sources;
  private final FleetOptions options;
  private ExistingTables mergedTables;

  /** Files this run finished, with their record: what an interruption reports as committed. */
  private final java.util.concurrent.atomic.AtomicInteger finished =
      new java.util.concurrent.atomic.AtomicInteger();

  /** This run's files (this shard's), once listed. */
  private volatile int total;

  private Fleet(Migrator template, List<Path> sources, FleetOptions options) {
    this.template = template;
    this.sources = List.copyOf(sources);
    this.options = options;
  }

  /**
   * @param template the options every file runs with (its source is ignored)
   * @param sources files, directories of SQLite files, or globs
   */
  public static Fleet of(Migrator template, List<Path> sources, FleetOptions options) {
    return new Fleet(template, sources, options);
  }

  /** Every file of this run (this shard's, with --shard) migrated; a merged fleet's keys last. */
  public FleetResult migrate() {
    try (PooledConnector pool = pool()) {
      Fleet fleet = new Fleet(template.withTarget(pool), sources, options);
      try {
        return fleet.migrateAll();
      } catch (RuntimeException e) {
        throw fleet.interrupted(e, " files committed (and the committed tables of the others)");
      }
    }
  }

  /**
   * An interruption of any file (they share the cancellation) as the fleet's: how many files were
   * finished and recorded; --resume skips those and resumes the others.
   */
  private RuntimeException interrupted(RuntimeException e, String what) {
    if (!template.cancellation().cancelled()) {
      return e;
    }
    return new MigrationException(
        Code.INTERRUPTED, "interrupted: " + finished.get() + " of " + total + what, e);
  }

  /** Connections shared by the files: as many idle as a few files' runs hold at once. */
  private PooledConnector pool() {
    return new PooledConnector(context().target(), 8 * context().options().jobs() + 8);
  }

  private FleetResult migrateAll() {
    long start = System.nanoTime();
    List<FleetFile> all = FleetFiles.list(sources, options);
    List<FleetFile> mine = FleetFiles.shard(all, options.shard());
    total = mine.size();
    LOG.info(
        "{} files{}{}",
        all.size(),
        options.shard().map(s -> ", " + mine.size() + " in shard " + s).orElse(""),
        options.merge() ? ", merged into schema " + context().schema() : ", a schema each");
    return options.merge() ? merge(all, mine, start) : eachInItsSchema(mine, start);
  }

  /** Every file of this run compared with what the target holds for it (per tenant, merged). */
  public FleetResult verify() {
    try (PooledConnector pool = pool()) {
      Fleet fleet = new Fleet(template.withTarget(pool), sources, options);
      try {
        return fleet.verifyAll();
      } catch (RuntimeException e) {
        throw fleet.interrupted(e, " files verified; verify changes nothing");
      }
    }
  }

  private FleetResult verifyAll() {
    long start = System.nanoTime();
    List<FleetFile> mine = FleetFiles.shard(FleetFiles.list(sources, options), options.shard());
    total = mine.size();
    List<FileOutcome> files =
        FleetRunner.run(
            mine,
            context().options().jobs(),
            filesAtOnce(),
            watched(
                mine.size(),
                (f, jobs) -> {
                  try (KeptConnector session = session()) {
                    FileOutcome o =
                        verified(f, file(f, jobs, baseMode(false), false, session), mine.size());
                    finished.incrementAndGet();
                    return o;
                  }
                }));
    return result(files, Optional.empty(), start);
  }

  // --- a schema per file

  private FleetResult eachInItsSchema(List<FleetFile> files, long start) {
    FleetState state = new FleetState(context().target(), "");
    Map<String, FleetState.FileRecord> earlier = state.files();
    List<FileOutcome> out =
        FleetRunner.run(
            files,
            context().options().jobs(),
            filesAtOnce(),
            watched(
                files.size(),
                (f, jobs) ->
                    recorded(
                        state,
                        earlier,
                        f,
                        session -> {
                          boolean interrupted =
                              resumes() && RunState.interrupted(session, schema(f));
                          return migrated(
                              f,
                              file(f, jobs, baseMode(interrupted), false, session),
                              files.size());
                        })));
    return result(out, Optional.empty(), start);
  }

  // --- merged

  private FleetResult merge(List<FleetFile> all, List<FleetFile> mine, long start) {
    List<String> differ = MergedFleet.differences(all.get(0), mine);
    if (!differ.isEmpty()) {
      differ.forEach(d -> LOG.warn("another schema: {}", d));
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          differ.size()
              + " of "
              + mine.size()
              + " files have another schema than "
              + all.get(0).path()
              + " (the fleet's first file), each named above; nothing was loaded: migrate them"
              + " on their own or leave them out");
    }
    RunContext reference =
        template
            .forFile(
                all.get(0).path(),
                context().schema(),
                all.get(0).unit(),
                context().options().jobs(),
                new LoadMode.Create(),
                context().target())
            .run();
    MergedFleet fleet =
        new MergedFleet(reference, all.get(0), options.tenantColumn().orElseThrow());
    Plan merged = fleet.prepare(options, all.size(), resumes(), context().options().drop());
    Map<String, FleetState.FileRecord> earlier = fleet.state().files();
    List<FileOutcome> out =
        FleetRunner.run(
            mine,
            context().options().jobs(),
            watched(
                mine.size(),
                (f, jobs) ->
                    recorded(
                        fleet.state(),
                        earlier,
                        f,
                        // A file with a record was started before: its tenant may have rows
                        // already.
                        session ->
                            migrated(
                                f,
                                file(f, jobs, null, earlier.containsKey(f.unit()), session),
                                mine.size()))));
    MergedFleet.Finished end =
        out.stream().allMatch(o -> o.exitCode() == 0)
            ? fleet.finish(merged, context().options().verify())
            : new MergedFleet.Finished(
                new FleetResult.Keys(
                    false,
                    "not every file of this run is in: the keys wait for --resume",
                    List.of(),
                    List.of()),
                Optional.empty());
    return result(
        end.tenants().map(t -> locate(out, t)).orElse(out),
        Optional.of(end.keys()),
        end.tenants(),
        start);
  }

  /**
   * The files of this run whose tenant differs, compared again row by row (their tenant's rows
   * found by the primary key, which starts with the tenant column): their reports say which rows.
   */
  private List<FileOutcome> locate(List<FileOutcome> out, FleetResult.Tenants tenants) {
    java.util.Set<String> differ =
        tenants.differences().stream()
            .map(FleetResult.TenantDifference::tenant)
            .collect(java.util.stream.Collectors.toSet());
    return out.stream()
        .map(o -> o.status() != Status.FAILED && differ.contains(o.unit()) ? located(o) : o)
        .toList();
  }

  private FileOutcome located(FileOutcome o) {
    FleetFile f = new FleetFile(o.file(), o.unit());
    try (KeptConnector session = session()) {
      // As one file's run: its whole verify report is kept, whatever it finds.
      FileOutcome v = verified(f, file(f, context().options().jobs(), null, false, session), 1);
      return new FileOutcome(
          o.file(),
          o.unit(),
          o.status(),
          o.migrated(),
          v.verified(),
          v.error(),
          o.rows(),
          Math.max(Math.max(o.exitCode(), v.exitCode()), Code.DIFFERENT.exitCode()));
    }
  }

  // --- one file

  /** {@code work} with the run's progress listener told as each file starts and ends. */
  private java.util.function.BiFunction<FleetFile, Integer, FileOutcome> watched(
      int files, java.util.function.BiFunction<FleetFile, Integer, FileOutcome> work) {
    ProgressListener progress = context().progress();
    java.util.concurrent.atomic.AtomicInteger started =
        new java.util.concurrent.atomic.AtomicInteger();
    return (f, jobs) -> {
      progress.fileStarted(
          new ProgressListener.FileStarted(f.path(), started.incrementAndGet(), files));
      FileOutcome o = work.apply(f, jobs);
      progress.fileFinished(new ProgressListener.FileFinished(f.path(), files, o.exitCode()));
      return o;
    };
  }

  /**
   * A file skipped when an earlier run did it (--resume, unchanged), else run with its record kept:
   * started before, how it ended after.
   */
  private FileOutcome recorded(
      FleetState state,
      Map<String, FleetState.FileRecord> earlier,
      FleetFile f,
      java.util.function.Function<KeptConnector, FileOutcome> run) {
    Optional<FileOutcome> skip = doneEarlier(f, earlier);
    if (skip.isPresent()) {
      return skip.get();
    }
    // The file's records and its run share one session.
    try (KeptConnector session = session()) {
      state.started(session, f.unit(), f.path().toString(), fingerprint(f));
      FileOutcome o = run.apply(session);
      state.finished(session, f.unit(), o.rows(), o.exitCode());
      finished.incrementAndGet();
      return o;
    }
  }

  /** A file done and verified by an earlier run, when --resume finds it unchanged. */
  private Optional<FileOutcome> doneEarlier(
      FleetFile f, Map<String, FleetState.FileRecord> earlier) {
    FleetState.FileRecord r = earlier.get(f.unit());
    if (!resumes()
        || r == null
        || !r.status().equals("done")
        || !r.fingerprint().equals(fingerprint(f))) {
      return Optional.empty();
    }
    return Optional.of(
        outcome(f, Status.DONE_EARLIER, Optional.empty(), Optional.empty(), r.rows(), 0));
  }

  /**
   * Up to this many files, every file's whole result is kept for the report; beyond, only those of
   * files that did not end with 0, so that memory stays flat over a fleet of 10,000 files.
   */
  private static final int WHOLE_RESULTS = 20;

  private static FileOutcome migrated(FleetFile f, Migrator m, int files) {
    return guarded(
        f,
        () -> {
          MigrationResult r = m.migrate();
          boolean keep = r.exitCode() != 0 || files <= WHOLE_RESULTS;
          return outcome(
              f,
              Status.RAN,
              Optional.of(r).filter(x -> keep),
              Optional.empty(),
              r.copiedRows() + r.skippedExisting(),
              r.exitCode());
        });
  }

  private static FileOutcome verified(FleetFile f, Migrator m, int files) {
    return guarded(
        f,
        () -> {
          VerifyResult r = m.verify();
          boolean keep = r.exitCode() != 0 || files <= WHOLE_RESULTS;
          return outcome(
              f,
              Status.RAN,
              Optional.empty(),
              Optional.of(r).filter(x -> keep),
              r.tables().stream().mapToLong(TableCheck::targetRows).sum(),
              r.exitCode());
        });
  }

  /** {@code work}'s outcome, or the one-line error that stopped it (the other files go on). */
  private static FileOutcome guarded(FleetFile f, Supplier<FileOutcome> work) {
    try {
      return work.get();
    } catch (MigrationException e) {
      if (e.code() == Code.INTERRUPTED) {
        throw e; // the whole fleet stops; the file's record stays "started", for --resume
      }
      LOG.warn("{}: {}", f.name(), e.getMessage());
      return failed(f, e.getMessage(), e.code().exitCode());
    } catch (RuntimeException e) {
      LOG.error("{}: internal error", f.name(), e);
      return failed(f, "internal error: " + e, 70);
    }
  }

  private static FileOutcome failed(FleetFile f, String message, int exitCode) {
    return new FileOutcome(
        f.path(),
        f.unit(),
        Status.FAILED,
        Optional.empty(),
        Optional.empty(),
        Optional.of(message),
        0,
        exitCode);
  }

  private static FileOutcome outcome(
      FleetFile f,
      Status status,
      Optional<MigrationResult> migrated,
      Optional<VerifyResult> verified,
      long rows,
      int exitCode) {
    return new FileOutcome(
        f.path(), f.unit(), status, migrated, verified, Optional.empty(), rows, exitCode);
  }

  /**
   * A file's run: into its own schema in {@code mode}, or into the merged schema as its tenant
   * ({@code again}: the tenant's rows of an earlier attempt deleted first).
   */
  private Migrator file(
      FleetFile f, int jobs, LoadMode mode, boolean again, KeptConnector session) {
    if (options.merge()) {
      return template.forFile(
          f.path(),
          context().schema(),
          f.unit(),
          jobs,
          new LoadMode.Merge(tenant(f), again, mergedTables()),
          session);
    }
    return template.forFile(f.path(), schema(f), f.unit(), jobs, mode, session);
  }

  /**
   * The connections of one file's run, kept from step to step: closed when the file is done, back
   * to the fleet's pool.
   */
  private KeptConnector session() {
    return new KeptConnector(context().target());
  }

  private TenantScope tenant(FleetFile f) {
    return new TenantScope(options.tenantColumn().orElseThrow(), f.unit());
  }

  /** The merged tables, read by the first file that needs them (after they were created). */
  private synchronized ExistingTables mergedTables() {
    if (mergedTables == null) {
      mergedTables = MergedFleet.tables(context());
    }
    return mergedTables;
  }

  /** The schema a file of a schema-per-file or --data-only run loads into. */
  private String schema(FleetFile f) {
    return intoOneSchema() ? context().schema() : f.unit();
  }

  /**
   * --data-only: every file into the application's tables in --schema, one file at a time (each
   * with all the jobs): the run lock and the resume record are the schema's.
   */
  private boolean intoOneSchema() {
    return !options.merge() && context().options().dataOnly();
  }

  private int filesAtOnce() {
    return intoOneSchema() ? 1 : context().options().jobs();
  }

  /** The options' mode without --resume, or resuming when the file's run was interrupted. */
  private LoadMode baseMode(boolean interrupted) {
    LoadMode mode = context().mode();
    LoadMode base = mode instanceof LoadMode.Resume r ? r.interrupted() : mode;
    return interrupted ? new LoadMode.Resume(base) : base;
  }

  private boolean resumes() {
    return context().mode().resumes();
  }

  private RunContext context() {
    return template.run();
  }

  /** The file as it is now: a changed file is loaded again, even after --resume. */
  private static String fingerprint(FleetFile f) {
    try {
      return "size " + Files.size(f.path()) + " modified " + Files.getLastModifiedTime(f.path());
    } catch (IOException e) {
      throw new MigrationException(
          Code.SOURCE, "Cannot read " + f.path() + ": " + e.getMessage(), e);
    }
  }

  private FleetResult result(List<FileOutcome> files, Optional<FleetResult.Keys> keys, long start) {
    return result(files, keys, Optional.empty(), start);
  }

  private FleetResult result(
      List<FileOutcome> files,
      Optional<FleetResult.Keys> keys,
      Optional<FleetResult.Tenants> tenants,
      long start) {
    return new FleetResult(
        context().target().display(),
        options.merge() || intoOneSchema() ? Optional.of(context().schema()) : Optional.empty(),
        options.tenantColumn(),
        files,
        keys,
        tenants,
        (System.nanoTime() - start) / 1e9);
  }
}
