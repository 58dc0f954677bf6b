package dev.sqlite2pg;

import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.plan.Planner;
import dev.sqlite2pg.plan.SqliteValueProbe;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TypeRules;
import dev.sqlite2pg.plan.ValueProbe;
import dev.sqlite2pg.sql.Identifiers;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.RowCursor;
import dev.sqlite2pg.sqlite.SourceQueries;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sqlite.TableProfiler;
import dev.sqlite2pg.sqlite.TableReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The bodies of STEP 1 and STEP 2, kept out of {@link Migrator} so that it stays a contents page. */
final class Steps {

  /**
   * A probe that believes every candidate type fits, without reading the column: the copy
   * finds out (and the table is planned again if not), or the target's types replace the plan's
   * (verify, --data-only). Examples for warnings are still read: they cost a LIMIT query.
   */
  private static ValueProbe optimistic(ValueProbe real) {
    return new ValueProbe() {
      @Override
      public java.util.Optional<String> firstMisfit(dev.sqlite2pg.catalog.Column column,
          dev.sqlite2pg.convert.PgType type, dev.sqlite2pg.convert.EncoderOptions options) {
        return java.util.Optional.empty();
      }

      @Override
      public List<String> examples(dev.sqlite2pg.catalog.Column column, String storageClass,
          int limit) {
        return real.examples(column, storageClass, limit);
      }
    };
  }

  private Steps() {}

  static Catalog readCatalog(SqliteSource source) {
    try (Connection c = source.connect()) {
      return new CatalogReader(c).read();
    } catch (SQLException e) {
      throw new MigrationException(Code.SOURCE, "Reading the schema of " + source.path()
          + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * What a run's result depends on: the source file (path, size, modification time), its
   * schema, and the options that shape the target. --resume continues only the same.
   */
  static dev.sqlite2pg.pg.state.RunState.Fingerprint fingerprint(java.nio.file.Path source,
      Catalog catalog, MigrateOptions o) {
    java.nio.file.Path p = source.toAbsolutePath().normalize();
    StringBuilder schemaSql = new StringBuilder();
    catalog.tables().forEach(t -> schemaSql.append(t.sql()).append('\n'));
    catalog.others().forEach(x -> schemaSql.append(x.sql()).append('\n'));
    String schemaHash = dev.sqlite2pg.pg.state.RunState.Fingerprint.of(schemaSql.toString())
        .hash().substring(0, 16);
    try {
      return dev.sqlite2pg.pg.state.RunState.Fingerprint.of(String.join(", ",
          "source " + p, "size " + java.nio.file.Files.size(p),
          "modified " + java.nio.file.Files.getLastModifiedTime(p), wal(p),
          "schema " + schemaHash, "target schema " + o.schema(), "tables " + o.tables(),
          "exclude " + o.exclude(), "casts " + o.casts(), "keep-case " + o.keepCase(),
          "data-only " + o.dataOnly(), "only " + o.only(), "source zone " + o.sourceZone())
          + ifExists(o));
    } catch (java.io.IOException e) {
      throw new MigrationException(Code.SOURCE, "Cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * A run that kept the target's rows must be resumed the same way: its tables that are not
   * committed may hold rows that were there before it. Said only when not the default, so a
   * run without the option keeps the fingerprint it had before the option existed.
   */
  private static String ifExists(MigrateOptions o) {
    return o.ifExists() == MigrateOptions.IfExists.FAIL ? "" : ", if-exists " + o.ifExists();
  }

  /** Writes still in a -wal file change the data without touching the main file. */
  private static String wal(java.nio.file.Path p) throws java.io.IOException {
    java.nio.file.Path w = java.nio.file.Path.of(p + "-wal");
    return java.nio.file.Files.exists(w) ? "wal " + java.nio.file.Files.size(w) + " bytes "
        + java.nio.file.Files.getLastModifiedTime(w) : "no wal";
  }

  /** Every column reads zone-less text times in {@code zone} (UTC needs no change). */
  static MigrationPlan withSourceZone(MigrationPlan plan, java.time.ZoneId zone) {
    if (zone.equals(java.time.ZoneOffset.UTC)) {
      return plan;
    }
    List<TablePlan> tables = plan.tables().stream().map(t -> new TablePlan(t.source(),
        t.target(), t.sourceRows(), t.columns().stream().map(c -> new dev.sqlite2pg.plan
            .ColumnPlan(c.source(), c.target(), c.type(), c.options().withZone(zone),
            c.identity(), c.generatedSql(), c.rule(), c.reason())).toList())).toList();
    return new MigrationPlan(plan.catalog(), plan.schema(), tables, plan.warnings(),
        plan.notMigrated());
  }

  /**
   * {@code --data-only}: the plan fitted to the tables the application created. With
   * {@code all} false ({@code --if-exists=skip-existing}), only the tables that exist are fitted
   * and the others stay as planned, for STEP 3 to create.
   */
  static MigrationPlan fitToExisting(MigrationPlan plan, SqliteSource source,
      dev.sqlite2pg.TargetConnector target, boolean all) {
    dev.sqlite2pg.pg.ExistingTables existing;
    try (Connection dst = target.open()) {
      existing = dev.sqlite2pg.pg.ExistingTables.read(dst, plan.schema());
    } catch (SQLException e) {
      throw dev.sqlite2pg.pg.TargetErrors.translate("Reading the target schema " + plan.schema(),
          e, target);
    }
    return new dev.sqlite2pg.plan.TargetFit(existing).fit(plan, all, source);
  }

  /**
   * Tables a table must wait for: with {@code --data-only} (and for tables that exist, with
   * {@code --if-exists=skip-existing}) the target's foreign keys are enforced during the load,
   * so parents load first; otherwise keys come after the data and every table may load at once.
   */
  static Map<String, java.util.Set<String>> loadOrder(MigrationPlan plan,
      dev.sqlite2pg.TargetConnector target, MigrateOptions options) {
    Map<String, java.util.Set<String>> waits = new java.util.HashMap<>();
    // Tables whose rows --if-exists=skip-existing keeps may have their keys already too.
    if (!options.dataOnly() && options.ifExists() != MigrateOptions.IfExists.SKIP_EXISTING) {
      return waits;
    }
    try (Connection dst = target.open()) {
      dev.sqlite2pg.pg.ExistingTables existing =
          dev.sqlite2pg.pg.ExistingTables.read(dst, plan.schema());
      for (TablePlan t : plan.tables()) {
        waits.put(t.target(), existing.parents(t.target()));
      }
      return waits;
    } catch (SQLException e) {
      throw dev.sqlite2pg.pg.TargetErrors.translate("Reading foreign keys of schema "
          + plan.schema(), e, target);
    }
  }

  /**
   * The tables to migrate: the mapping file's groups named by --only (checked against the
   * source), narrowed by --tables, minus --exclude and the file's exclusions.
   */
  static List<Table> choose(Catalog catalog, MigrateOptions options) {
    List<String> names = catalog.tables().stream().map(Table::name).toList();
    List<String> grouped = options.config().check(names, n -> catalog.table(n).orElseThrow()
        .columns().stream().map(dev.sqlite2pg.catalog.Column::name).toList(), options.only());
    List<Table> base = options.only().isEmpty() ? catalog.tables()
        : catalog.tables().stream().filter(t -> grouped.contains(t.name())).toList();
    List<String> exclude = new ArrayList<>(options.exclude());
    exclude.addAll(options.config().exclude());
    return select(base, options.tables(), exclude);
  }

  /** The tables matching --tables (all when none) and not matching --exclude. */
  static List<Table> select(List<Table> all, List<String> include, List<String> exclude) {
    List<Pattern> in = include.stream().map(Steps::glob).toList();
    List<Pattern> out = exclude.stream().map(Steps::glob).toList();
    List<Table> chosen = all.stream()
        .filter(t -> in.isEmpty() || in.stream().anyMatch(p -> p.matcher(t.name()).matches()))
        .filter(t -> out.stream().noneMatch(p -> p.matcher(t.name()).matches()))
        .toList();
    if (!include.isEmpty() && chosen.isEmpty()) {
      throw new MigrationException(Code.BAD_ARGUMENTS, "--tables " + String.join(",", include)
          + " matches no table; the tables are: "
          + String.join(", ", all.stream().map(Table::name).toList()));
    }
    return chosen;
  }

  /** A shell-style glob (* and ?), case-insensitive like SQLite names. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * @param depth how much of the values to read: trying every candidate type on every value
   *     is most of a plan's cost on a large database
   */
  static MigrationPlan plan(SqliteSource source, Catalog catalog, List<Table> chosen,
      MigrateOptions options, Depth depth) {
    List<Warning> warnings = new ArrayList<>();
    List<NotMigrated> notMigrated = new ArrayList<>();
    boolean utf8 = catalog.encoding().equalsIgnoreCase("UTF-8");
    Map<String, String> names = new java.util.HashMap<>(Identifiers.targetNames(
        chosen.stream().map(Table::name).toList(), options.keepCase()));
    chosen.forEach(t -> options.config().rule(t.name()).flatMap(r -> r.target())
        .ifPresent(target -> names.put(t.name(), target)));
    Planner planner = new Planner(options.casts(), options.keepCase(), options.config());
    // Tables are profiled and probed in parallel, each on its own read-only connection: the
    // probes read whole columns, and on a large database they are most of the plan's time.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(Math.max(1, Math.min(options.jobs(), chosen.size())), r -> {
          Thread th = new Thread(r, "sqlite2pg-plan");
          th.setDaemon(true);
          return th;
        });
    List<java.util.concurrent.Future<PlannedTable>> futures = new ArrayList<>();
    for (Table t : chosen) {
      futures.add(pool.submit(() -> planOne(source, t, names.get(t.name()), planner, options,
          depth, utf8)));
    }
    List<TablePlan> tables = new ArrayList<>();
    try {
      for (java.util.concurrent.Future<PlannedTable> f : futures) {
        PlannedTable pt = f.get();
        tables.add(pt.plan());
        warnings.addAll(pt.warnings());
        notMigrated.addAll(pt.notMigrated());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Planning interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new MigrationException(Code.SOURCE, "Reading the data of " + source.path()
          + " failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    catalog.problems().forEach(p -> warnings.add(Warning.general(p)));
    for (SchemaObject o : catalog.others()) {
      notMigrated(o).ifPresent(notMigrated::add);
    }
    return new MigrationPlan(catalog, options.schema(), List.copyOf(tables),
        List.copyOf(warnings), notMigrated);
  }

  /** One table's plan, with the warnings and omissions it found. */
  record PlannedTable(TablePlan plan, List<Warning> warnings, List<NotMigrated> notMigrated) {}

  /** One table planned again, this time reading every value (see Migrator.step4Copy). */
  static PlannedTable replan(SqliteSource source, MigrationPlan plan, TablePlan t,
      MigrateOptions options) {
    boolean utf8 = plan.catalog().encoding().equalsIgnoreCase("UTF-8");
    Planner planner = new Planner(options.casts(), options.keepCase(), options.config());
    try {
      PlannedTable p = planOne(source, t.source(), t.target(), planner, options, Depth.PROBE,
          utf8);
      MigrationPlan one = withSourceZone(new MigrationPlan(plan.catalog(), plan.schema(),
          List.of(p.plan()), List.of(), List.of()), options.sourceZone());
      return new PlannedTable(one.tables().get(0), p.warnings(), p.notMigrated());
    } catch (SQLException e) {
      throw new MigrationException(Code.SOURCE, "Reading the data of " + source.path()
          + " failed: " + e.getMessage(), e);
    }
  }

  /** The plan with the tables planned again in place of the first attempts. */
  static MigrationPlan withReplanned(MigrationPlan plan, Map<String, PlannedTable> again) {
    if (again.isEmpty()) {
      return plan;
    }
    List<Warning> warnings = new ArrayList<>(plan.warnings().stream()
        .filter(w -> w.table().map(t -> !again.containsKey(t)).orElse(true)).toList());
    List<NotMigrated> notMigrated = new ArrayList<>(plan.notMigrated());
    List<TablePlan> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      PlannedTable p = again.get(t.source().name());
      tables.add(p == null ? t : p.plan());
      if (p != null) {
        warnings.addAll(p.warnings());
        notMigrated.addAll(p.notMigrated().stream()
            .filter(n -> !plan.notMigrated().contains(n)).toList());
      }
    }
    return new MigrationPlan(plan.catalog(), plan.schema(), List.copyOf(tables),
        List.copyOf(warnings), List.copyOf(notMigrated));
  }

  /** How much of the values a plan reads. */
  enum Depth {
    /** Count storage classes and try every candidate type on every value: plan, --dry-run. */
    PROBE,
    /** Count storage classes; assume candidate types fit, the copy finds out: migrate. */
    PROFILE,
    /** Read only what time columns need: the target says the types (verify, --data-only). */
    TARGET_TYPES,
    /** Read no values: names only, no row counts (verify's early target-side fingerprints). */
    NAMES
  }

  private static PlannedTable planOne(SqliteSource source, Table t, String target,
      Planner planner, MigrateOptions options, Depth depth, boolean utf8) throws SQLException {
    List<Warning> warnings = new ArrayList<>();
    List<NotMigrated> notMigrated = new ArrayList<>();
    try (Connection c = source.connect()) {
      List<dev.sqlite2pg.catalog.Column> read = depth == Depth.NAMES ? List.of()
          : depth != Depth.TARGET_TYPES ? t.columns()
          : t.columns().stream()
              .filter(col -> TypeRules.readsTimes(col.declaredType())
                  || options.casts().stream().anyMatch(k -> k.appliesTo(t.name(), col.name(),
                      col.declaredType())))
              .toList();
      TableProfiler.Result profile = depth == Depth.NAMES
          ? new TableProfiler.Result(0, Map.of()) : profile(source, c, t, read, utf8);
      if (!target.equals(t.name().toLowerCase(Locale.ROOT)) && !target.equals(t.name())) {
        warnings.add(Warning.table(t.name(), "renamed to " + target
            + " (PostgreSQL names are at most 63 bytes)"));
      }
      SqliteValueProbe values = new SqliteValueProbe(c, t, utf8);
      TablePlan plan = planner.plan(t, target, profile.rows(), profile.columns(),
          depth == Depth.PROBE ? values : optimistic(values), warnings, notMigrated);
      return new PlannedTable(plan, warnings, notMigrated);
    }
  }

  /** Rows per chunk of a large table (a property, so tests can use small chunks) (see {@link dev.sqlite2pg.copy.Chunk}). */
  static long chunkRows() {
    return Long.getLong("sqlite2pg.chunk-rows", 500_000);
  }

  /**
   * A rowid table of more than {@link #chunkRows()} rows in rowid ranges of about that many
   * rows; other tables whole.
   */
  static List<dev.sqlite2pg.copy.Chunk> chunks(SqliteSource source, TablePlan t) {
    if (t.source().withoutRowid() || t.sourceRows() <= chunkRows()
        || SourceQueries.rowidExpression(t.source()).equals("NULL")) {
      return List.of(dev.sqlite2pg.copy.Chunk.ALL);
    }
    String rowid = SourceQueries.rowidExpression(t.source());
    try (Connection c = source.connect(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT min(" + rowid + "), max(" + rowid
            + ") FROM " + Identifiers.quote(t.source().name()))) {
      rs.next();
      int n = (int) Math.min(64, (t.sourceRows() + chunkRows() - 1) / chunkRows());
      return dev.sqlite2pg.copy.Chunk.split(rs.getLong(1), rs.getLong(2), n);
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.path(), e);
    }
  }

  /** From the file's pages when it can be read so; SQLite's aggregate otherwise. */
  private static TableProfiler.Result profile(SqliteSource source, Connection c, Table t,
      List<dev.sqlite2pg.catalog.Column> cols, boolean utf8) throws SQLException {
    if (cols.isEmpty() || !TableReader.byPages(source, t, utf8)) {
      return TableProfiler.profile(c, t, cols);
    }
    try (RowCursor rows = TableReader.open(source, c, t, cols, utf8, Long.MIN_VALUE,
        Long.MAX_VALUE)) {
      return TableProfiler.profile(rows, cols);
    }
  }

  private static java.util.Optional<NotMigrated> notMigrated(SchemaObject o) {
    return switch (o.kind()) {
      case TRIGGER -> java.util.Optional.of(new NotMigrated("trigger", o.name(),
          "triggers are SQLite code; rewrite it as a PL/pgSQL trigger function", o.sql()));
      case VIRTUAL_TABLE -> java.util.Optional.of(new NotMigrated("virtual table", o.name(),
          "virtual tables (FTS, R-Tree, extensions) have no PostgreSQL equivalent; use"
              + " PostgreSQL full-text search or PostGIS instead", o.sql()));
      case SHADOW_TABLE -> java.util.Optional.of(new NotMigrated("shadow table", o.name(),
          "internal storage of virtual table " + o.tableName() + ", not user data", o.sql()));
      case INTERNAL_TABLE -> java.util.Optional.of(new NotMigrated("internal table", o.name(),
          o.name().equalsIgnoreCase("sqlite_sequence")
              ? "AUTOINCREMENT counters; applied to the identity sequences instead"
              : "SQLite's query-planner statistics; PostgreSQL's ANALYZE makes its own",
          o.sql()));
      case VIEW -> java.util.Optional.empty();
    };
  }
}
