package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.framework.Conventions;
import dev.sqlite2pg.framework.Framework;
import dev.sqlite2pg.framework.Frameworks;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.plan.ForeignKeyTypes;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.Planner;
import dev.sqlite2pg.plan.SqliteValueProbe;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetFit;
import dev.sqlite2pg.plan.TargetNames;
import dev.sqlite2pg.plan.TypeRules;
import dev.sqlite2pg.plan.ValueProbe;
import dev.sqlite2pg.sqlite.RowCursor;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sqlite.TableProfiler;
import dev.sqlite2pg.sqlite.TableReader;
import dev.sqlite2pg.sync.Capture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STEP 2: a PostgreSQL type and name for every table and column, fitted to the mode. */
public final class PlanStep {

  private static final Logger LOG = LoggerFactory.getLogger(PlanStep.class);

  private PlanStep() {}

  /** How much of the values a plan reads. */
  public enum Depth {
    /** Count storage classes and try every candidate type on every value: plan, --dry-run. */
    PROBE,
    /** Count storage classes; assume candidate types fit, the copy finds out: migrate. */
    PROFILE,
    /** Read only what time columns need: the target says the types (verify, --data-only). */
    TARGET_TYPES,
    /** Read no values: names only, no row counts (verify's early target-side fingerprints). */
    NAMES
  }

  /** One table's plan, with the warnings and omissions it found. */
  public record PlannedTable(
      TablePlan plan, List<Warning> warnings, List<NotMigrated> notMigrated) {}

  /**
   * STEP 2 of a run.
   *
   * @param probe read every value to choose each type (plan, --dry-run); migrate instead assumes
   *     the candidate types fit and lets the copy find out ({@link CopyStep})
   */
  public static Plan run(RunContext run, SqliteSource source, Catalog catalog, boolean probe) {
    MigrateOptions options = run.options();
    List<Table> chosen = TableSelection.choose(catalog, run);
    LOG.info("STEP 2: planning {} tables", chosen.size());
    Depth depth =
        run.mode().dataOnly() || run.mode().tenant().isPresent()
            ? Depth.TARGET_TYPES
            : probe ? Depth.PROBE : Depth.PROFILE;
    Plan plan = plan(run, source, catalog, chosen, depth);
    Plan fitted =
        switch (run.mode().fit()) {
          case NONE -> plan;
          case ALL -> fitToTarget(run, plan, source, true);
          case WHERE_EXISTS -> fitToTarget(run, plan, source, false);
        };
    // Again after fitting: the fit chose the epoch unit of each time column by magnitude.
    return withSourceZone(
        Conventions.apply(fitted, Framework.recognise(catalog)), options.sourceZone());
  }

  /**
   * {@code sync run}'s plan: as {@code --data-only} plans (the target's tables and types), but a
   * table that does not fit them is left out, with why (see {@link TargetFit#fitEach}).
   */
  public static TargetFit.Fitted runEach(RunContext run, SqliteSource source, Catalog catalog) {
    List<Table> chosen = TableSelection.choose(catalog, run);
    LOG.info("STEP 2: planning {} tables", chosen.size());
    Plan plan = plan(run, source, catalog, chosen, Depth.TARGET_TYPES);
    ExistingTables existing = read(run, plan.schema());
    TargetFit.Fitted fitted = new TargetFit(existing).fitEach(plan, source);
    Plan conventional = Conventions.apply(fitted.plan(), Framework.recognise(catalog));
    return new TargetFit.Fitted(
        withSourceZone(conventional, run.options().sourceZone()), fitted.unfit());
  }

  /** {@code task} run now, on this thread, its outcome kept as a pool's task would keep it. */
  private static <T> Future<T> inline(java.util.concurrent.Callable<T> task) {
    java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(task);
    f.run();
    return f;
  }

  /** The plan fitted to the tables the target has (see {@link TargetFit#fit}). */
  private static Plan fitToTarget(RunContext run, Plan plan, SqliteSource source, boolean all) {
    ExistingTables existing = run.mode().knownTables().orElseGet(() -> read(run, plan.schema()));
    Optional<String> tenant = run.mode().tenant().map(dev.sqlite2pg.pg.TenantScope::column);
    return new TargetFit(existing, tenant).fit(plan, all, source);
  }

  private static ExistingTables read(RunContext run, String schema) {
    try (Connection dst = run.target().open()) {
      return ExistingTables.read(dst, schema);
    } catch (SQLException e) {
      throw TargetErrors.translate("Reading the target schema " + schema, e, run.target());
    }
  }

  /** Every column reads zone-less text times in {@code zone} (UTC needs no change). */
  public static Plan withSourceZone(Plan plan, ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return plan;
    }
    return plan.withColumns(c -> c.withOptions(c.options().withZone(zone)));
  }

  /**
   * @param depth how much of the values to read: trying every candidate type on every value is most
   *     of a plan's cost on a large database
   */
  public static Plan plan(
      RunContext run, SqliteSource source, Catalog catalog, List<Table> chosen, Depth depth) {
    MigrateOptions options = run.options();
    List<Warning> warnings = new ArrayList<>();
    List<NotMigrated> notMigrated = new ArrayList<>();
    boolean utf8 = catalog.utf8();
    Map<String, String> names =
        new HashMap<>(
            TargetNames.of(chosen.stream().map(Table::name).toList(), options.keepCase()));
    chosen.forEach(
        t ->
            run.config()
                .rule(t.name())
                .flatMap(r -> r.target())
                .ifPresent(target -> names.put(t.name(), target)));
    Planner planner = new Planner(run.casts(), options.keepCase(), run.config());
    // Tables are profiled and probed in parallel, each on its own read-only connection: the
    // probes read whole columns, and on a large database they are most of the plan's time.
    // With one job (a fleet's file) on this thread: a thread per file cost more than its tables.
    int threads = Math.max(1, Math.min(options.jobs(), chosen.size()));
    ExecutorService pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread th = new Thread(r, "sqlite2pg-plan");
                  th.setDaemon(true);
                  return th;
                });
    List<Future<PlannedTable>> futures = new ArrayList<>();
    for (Table t : chosen) {
      java.util.concurrent.Callable<PlannedTable> task =
          () -> planOne(run, source, t, names.get(t.name()), planner, depth, utf8);
      futures.add(pool == null ? inline(task) : pool.submit(task));
    }
    List<TablePlan> tables = new ArrayList<>();
    try {
      for (Future<PlannedTable> f : futures) {
        PlannedTable pt = f.get();
        tables.add(pt.plan());
        warnings.addAll(pt.warnings());
        notMigrated.addAll(pt.notMigrated());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Planning interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof SQLException se) {
        throw SqliteErrors.translate(source.origin(), se);
      }
      throw new MigrationException(
          Code.SOURCE,
          "Reading the data of " + source.path() + " failed: " + e.getCause().getMessage(),
          e.getCause());
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    catalog.problems().forEach(p -> warnings.add(Warning.general(p)));
    boolean capturing = !Capture.ownTables(catalog).isEmpty();
    for (SchemaObject o : catalog.others()) {
      // Sync's capture triggers are not the application's code.
      if (!(capturing && o.name().startsWith("sqlite2pg_"))) {
        notMigrated(o).ifPresent(notMigrated::add);
      }
    }
    List<TablePlan> keyed = ForeignKeyTypes.unify(tables, warnings);
    // A recognised framework's storage conventions (Django's durations in microseconds).
    List<Framework> frameworks = Framework.recognise(catalog);
    warnings.addAll(0, Frameworks.recognised(frameworks));
    return Conventions.apply(
        new Plan(catalog, options.schema(), keyed, List.copyOf(warnings), notMigrated), frameworks);
  }

  /** One table planned again, this time reading every value (see {@link CopyStep}). */
  static PlannedTable replan(RunContext run, SqliteSource source, Plan plan, TablePlan t) {
    MigrateOptions options = run.options();
    boolean utf8 = plan.catalog().utf8();
    Planner planner = new Planner(run.casts(), options.keepCase(), run.config());
    try {
      PlannedTable p = planOne(run, source, t.source(), t.target(), planner, Depth.PROBE, utf8);
      Plan one =
          withSourceZone(
              new Plan(plan.catalog(), plan.schema(), List.of(p.plan()), List.of(), List.of()),
              options.sourceZone());
      // The same key types as the whole plan: the table is created again from this plan.
      List<Warning> warnings = new ArrayList<>(p.warnings());
      List<TablePlan> all =
          plan.tables().stream()
              .map(x -> x.source().name().equals(t.source().name()) ? one.tables().get(0) : x)
              .toList();
      TablePlan keyed =
          ForeignKeyTypes.unify(all, warnings).stream()
              .filter(x -> x.source().name().equals(t.source().name()))
              .findFirst()
              .orElseThrow();
      return new PlannedTable(keyed, warnings, p.notMigrated());
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }

  /** The plan with the tables planned again in place of the first attempts. */
  static Plan withReplanned(Plan plan, Map<String, PlannedTable> again) {
    if (again.isEmpty()) {
      return plan;
    }
    List<Warning> warnings =
        new ArrayList<>(
            plan.warnings().stream()
                .filter(w -> w.table().map(t -> !again.containsKey(t)).orElse(true))
                .toList());
    List<NotMigrated> notMigrated = new ArrayList<>(plan.notMigrated());
    List<TablePlan> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      PlannedTable p = again.get(t.source().name());
      tables.add(p == null ? t : p.plan());
      if (p != null) {
        warnings.addAll(p.warnings());
        notMigrated.addAll(
            p.notMigrated().stream().filter(n -> !plan.notMigrated().contains(n)).toList());
      }
    }
    List<TablePlan> keyed = ForeignKeyTypes.unify(tables, warnings);
    return new Plan(
        plan.catalog(),
        plan.schema(),
        List.copyOf(keyed),
        List.copyOf(warnings),
        List.copyOf(notMigrated));
  }

  private static PlannedTable planOne(
      RunContext run,
      SqliteSource source,
      Table t,
      String target,
      Planner planner,
      Depth depth,
      boolean utf8)
      throws SQLException {
    List<Warning> warnings = new ArrayList<>();
    List<NotMigrated> notMigrated = new ArrayList<>();
    try (Connection c = source.connect()) {
      List<Column> read =
          depth == Depth.NAMES
              ? List.of()
              : depth != Depth.TARGET_TYPES
                  ? t.columns()
                  : t.columns().stream()
                      .filter(
                          col ->
                              TypeRules.readsTimes(col.declaredType())
                                  || run.casts().stream()
                                      .anyMatch(
                                          k ->
                                              k.appliesTo(
                                                  t.name(), col.name(), col.declaredType())))
                      .toList();
      TableProfiler.Result profile =
          depth == Depth.NAMES
              ? new TableProfiler.Result(0, Map.of())
              : profile(source, c, t, read, utf8);
      if (!target.equals(t.name().toLowerCase(Locale.ROOT)) && !target.equals(t.name())) {
        warnings.add(
            Warning.table(
                t.name(), "renamed to " + target + " (PostgreSQL names are at most 63 bytes)"));
      }
      SqliteValueProbe values = new SqliteValueProbe(c, source.origin(), t, utf8);
      TablePlan plan =
          planner.plan(
              t,
              target,
              profile.rows(),
              profile.columns(),
              depth == Depth.PROBE ? values : optimistic(values),
              warnings,
              notMigrated);
      return new PlannedTable(plan, warnings, notMigrated);
    }
  }

  /**
   * A probe that believes every candidate type fits, without reading the column: the copy finds out
   * (and the table is planned again if not), or the target's types replace the plan's (verify,
   * --data-only). Examples for warnings are still read: they cost a LIMIT query.
   */
  private static ValueProbe optimistic(ValueProbe real) {
    return new ValueProbe() {
      @Override
      public Optional<String> firstMisfit(Column column, PgType type, EncoderOptions options) {
        return Optional.empty();
      }

      @Override
      public List<String> examples(Column column, String storageClass, int limit) {
        return real.examples(column, storageClass, limit);
      }
    };
  }

  /** From the file's pages when it can be read so; SQLite's aggregate otherwise. */
  private static TableProfiler.Result profile(
      SqliteSource source, Connection c, Table t, List<Column> cols, boolean utf8)
      throws SQLException {
    if (cols.isEmpty() || !TableReader.byPages(source, t, utf8)) {
      return TableProfiler.profile(c, t, cols);
    }
    try (RowCursor rows =
        TableReader.open(source, c, t, cols, utf8, Long.MIN_VALUE, Long.MAX_VALUE)) {
      return TableProfiler.profile(rows, cols);
    }
  }

  private static Optional<NotMigrated> notMigrated(SchemaObject o) {
    return switch (o.kind()) {
      case TRIGGER ->
          Optional.of(
              new NotMigrated(
                  "trigger",
                  o.name(),
                  "triggers are SQLite code; rewrite it as a PL/pgSQL trigger function",
                  o.sql()));
      case VIRTUAL_TABLE ->
          Optional.of(
              new NotMigrated(
                  "virtual table",
                  o.name(),
                  "virtual tables (FTS, R-Tree, extensions) have no PostgreSQL equivalent; use"
                      + " PostgreSQL full-text search or PostGIS instead",
                  o.sql()));
      case SHADOW_TABLE ->
          Optional.of(
              new NotMigrated(
                  "shadow table",
                  o.name(),
                  "internal storage of virtual table " + o.tableName() + ", not user data",
                  o.sql()));
      case INTERNAL_TABLE ->
          Optional.of(
              new NotMigrated(
                  "internal table",
                  o.name(),
                  o.name().equalsIgnoreCase("sqlite_sequence")
                      ? "AUTOINCREMENT counters; applied to the identity sequences instead"
                      : "SQLite's query-planner statistics; PostgreSQL's ANALYZE makes its own",
                  o.sql()));
      case VIEW -> Optional.empty();
    };
  }
}
