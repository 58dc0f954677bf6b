package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.CollationKind;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.translate.Translation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * STEP 3 (schema and tables, in one transaction: all or nothing) and STEP 5 (keys, indexes,
 * constraints, identity values, views, ANALYZE) on the target.
 */
public final class SchemaWriter {

  private final TargetConnector target;
  private final String schema;
  private final Translator translator;
  private final boolean resume;
  private final List<Warning> warnings = new ArrayList<>();
  private final List<NotMigrated> notMigrated = new ArrayList<>();

  /**
   * @param resume continuing an interrupted run: objects that already exist were its own
   */
  public SchemaWriter(
      TargetConnector target, String schema, Translator translator, boolean resume) {
    this.target = target;
    this.schema = schema;
    this.translator = translator;
    this.resume = resume;
  }

  public List<Warning> warnings() {
    return List.copyOf(warnings);
  }

  public List<NotMigrated> notMigrated() {
    return List.copyOf(notMigrated);
  }

  public void createTables(List<TablePlan> tables, boolean drop) {
    DdlRenderer ddl = new DdlRenderer(schema, this::defaultFor, translator.server().icu());
    try (Connection c = target.open()) {
      c.setAutoCommit(false);
      List<String> existing =
          List.copyOf(
              TargetTables.named(
                  c,
                  schema,
                  tables.stream().map(TablePlan::target).toList(),
                  TargetTables.TABLES_AND_VIEWS));
      if (!existing.isEmpty() && !drop) {
        throw new MigrationException(
            Code.TARGET,
            "target already has table"
                + (existing.size() == 1 ? " " : "s ")
                + String.join(", ", existing)
                + " in schema "
                + schema
                + ": pass --drop to replace them, --if-exists=skip-existing to load into"
                + " them only the rows they lack, or --schema to load elsewhere");
      }
      try (Statement s = c.createStatement()) {
        if (!schemaExists(c)) {
          // Even IF NOT EXISTS needs CREATE on the database, which hosted roles often lack.
          s.execute(ddl.createSchema());
        }
        for (String collation : ddl.collations(tables)) {
          s.execute(ddl.createCollation(collation));
        }
        for (TablePlan t : tables) {
          if (drop) {
            s.execute(ddl.dropTable(t));
          }
          s.execute(ddl.createTable(t));
          noteCollations(ddl, t);
        }
      }
      for (TablePlan t : tables) {
        setDefaults(c, t, ddl.setDefaults(t));
      }
      c.commit();
    } catch (SQLException e) {
      throw new MigrationException(
          Code.TARGET,
          "STEP 3: creating the tables in schema "
              + schema
              + " failed: "
              + TargetErrors.explain(e, target),
          e);
    }
  }

  /**
   * A collation only the application defines (Anki's unicase): SQLite was read with a stand-in, and
   * PostgreSQL gets a case-insensitive ICU collation or, without ICU, lower() in indexes.
   */
  private void noteCollations(DdlRenderer ddl, TablePlan t) {
    for (ColumnPlan c : t.columns()) {
      Optional<String> name = c.source().collation();
      if (name.isEmpty() || !CollationKind.of(name.get()).applicationDefined()) {
        continue;
      }
      String pg =
          ddl.caseInsensitive(c).isPresent()
              ? "a nondeterministic ICU collation "
                  + ddl.caseInsensitive(c).get()
                  + " (und-u-ks-level2)"
              : CollationKind.of(name.get()) == CollationKind.APPLICATION_CASE_INSENSITIVE
                  ? "lower() in its indexes (the server has no ICU for a case-insensitive collation)"
                  : "binary comparison";
      warnings.add(
          Warning.column(
              t.source().name(),
              c.source().name(),
              "COLLATE "
                  + name.get()
                  + " is defined by the application only: read with a stand-in comparison, and"
                  + " given "
                  + pg
                  + " in PostgreSQL"));
    }
  }

  private void setDefaults(Connection c, TablePlan t, List<String> statements) throws SQLException {
    for (String sql : statements) {
      java.sql.Savepoint sp = c.setSavepoint();
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        c.releaseSavepoint(sp);
      } catch (SQLException e) {
        c.rollback(sp);
        String msg = e.getMessage().lines().findFirst().orElse("");
        warnings.add(Warning.table(t.source().name(), "default not set: " + msg));
        notMigrated.add(new NotMigrated("default", t.source().name(), msg, sql));
      }
    }
  }

  private Optional<String> defaultFor(TablePlan t, ColumnPlan c) {
    Optional<String> sqlite = c.source().defaultSql();
    if (sqlite.isEmpty()) {
      return Optional.empty();
    }
    Translation r = translator.defaultValue(sqlite.get(), c.type());
    if (r.sql().isEmpty()) {
      notMigrated.add(
          new NotMigrated(
              "default",
              t.source().name() + "." + c.source().name(),
              r.reason(),
              "DEFAULT " + sqlite.get()));
      warnings.add(
          Warning.column(
              t.source().name(),
              c.source().name(),
              "DEFAULT " + sqlite.get() + " not migrated: " + r.reason()));
    }
    return r.sql();
  }

  /**
   * STEP 5 begun before STEP 4: each table gets its keys, indexes and ANALYZE as soon as {@link
   * PostData#tableReady} says its rows are in, {@code jobs} tables at a time (see {@link
   * PostDataScheduler}); {@link #finishPostData} does the rest.
   */
  public PostData startPostData(Plan plan, int jobs) {
    return startPostData(plan, jobs, dev.sqlite2pg.ProgressListener.NONE);
  }

  /** As {@link #startPostData(Plan, int)}, telling {@code progress} of each statement. */
  public PostData startPostData(Plan plan, int jobs, dev.sqlite2pg.ProgressListener progress) {
    return startPostData(plan, jobs, false, progress);
  }

  /**
   * As {@link #startPostData(Plan, int, dev.sqlite2pg.ProgressListener)}; with {@code foreignKeys}
   * (the run creates them) each foreign key is created as soon as both its tables are done, rather
   * than after the last table.
   */
  public PostData startPostData(
      Plan plan, int jobs, boolean foreignKeys, dev.sqlite2pg.ProgressListener progress) {
    List<TablePlan> loaded = plan.tables();
    PostDataBuilder builder = new PostDataBuilder(schema, loaded, translator);
    List<PostDataItem> items = builder.build();
    notMigrated.addAll(builder.notMigrated());
    java.util.Map<String, String> analyze = new java.util.LinkedHashMap<>();
    loaded.stream()
        .sorted(java.util.Comparator.comparingLong(TablePlan::sourceRows).reversed())
        .forEach(t -> analyze.put(t.source().name(), qualified(schema, t.target())));
    return new PostData(
        new PostDataScheduler(target, resume, jobs, items, analyze, foreignKeys, progress));
  }

  /** STEP 5 under way; closing it stops what still runs. */
  public static final class PostData implements AutoCloseable {
    private final PostDataScheduler scheduler;

    private PostData(PostDataScheduler scheduler) {
      this.scheduler = scheduler;
    }

    /** A table's rows are all in: its own keys and indexes may be built. */
    public void tableReady(String sourceTable) {
      scheduler.tableReady(sourceTable);
    }

    /**
     * The statements the rest of STEP 5 will have run (see {@link #finishPostData}): all of them
     * when {@code complete}, else those of the tables whose rows are all in.
     */
    public int objects(boolean complete, boolean foreignKeys) {
      return scheduler.objects(complete, foreignKeys);
    }

    @Override
    public void close() {
      scheduler.close();
    }
  }

  /**
   * The rest of STEP 5: waits for the tables' statements; then, when every table copied completely,
   * the foreign keys, sequences and views (otherwise keys would be checked against part of the
   * data, and a foreign key in place would refuse the child rows that --resume copies before their
   * parents).
   */
  public void finishPostData(
      PostData post, Plan plan, boolean complete, Sequences.SourceKeys keys) {
    finishPostData(post, plan, complete, complete, keys);
  }

  /**
   * As {@link #finishPostData(PostData, Plan, boolean, Sequences.SourceKeys)}, with the foreign
   * keys left out when {@code foreignKeys} is false: sync adds them at cut-over, since SQLite's
   * writers often run without enforcing them (design 3.4 step 5).
   */
  public void finishPostData(
      PostData post, Plan plan, boolean complete, boolean foreignKeys, Sequences.SourceKeys keys) {
    try {
      post.scheduler.finish(complete && foreignKeys);
      if (complete) {
        try (Connection c = target.open()) {
          c.setAutoCommit(true);
          post.scheduler.announce("sequences", schema, false);
          new Sequences(schema, keys).reset(c, plan.tables(), warnings);
          post.scheduler.announce("sequences", schema, true);
          post.scheduler.announce("views", schema, false);
          new Views(schema, translator, resume).create(c, plan, warnings, notMigrated);
          post.scheduler.announce("views", schema, true);
        }
      }
    } catch (SQLException e) {
      throw new MigrationException(
          Code.TARGET,
          "STEP 5: creating keys, indexes and views in"
              + " schema "
              + schema
              + " failed: "
              + TargetErrors.explain(e, target),
          e);
    }
    warnings.addAll(post.scheduler.warnings());
    notMigrated.addAll(post.scheduler.notMigrated());
  }

  /**
   * {@code --data-only}: the tables exist and must be empty, since rows already there would collide
   * with the copy's keys (or be doubled, in a table without keys). Rows that share keys with the
   * source were named before this ({@code KeyConflicts}); this refuses the others.
   */
  public void requireEmpty(List<TablePlan> tables) {
    List<String> filled = new ArrayList<>();
    try (Connection c = target.open();
        Statement s = c.createStatement()) {
      for (TablePlan t : tables) {
        try (ResultSet rs =
            s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + qualified(schema, t.target()) + ")")) {
          rs.next();
          if (rs.getBoolean(1)) {
            filled.add(t.target());
          }
        }
      }
    } catch (SQLException e) {
      throw TargetErrors.translate("Reading the target tables", e, target);
    }
    if (!filled.isEmpty()) {
      throw new MigrationException(
          Code.TARGET,
          "--data-only loads into empty tables, and "
              + String.join(", ", filled)
              + " already "
              + (filled.size() == 1 ? "has" : "have")
              + " rows in schema "
              + schema
              + ": pass --if-exists=skip-existing to add only the rows"
              + " they lack, empty them (TRUNCATE), or choose other tables");
    }
  }

  /**
   * Empties {@code tables} in one TRUNCATE ({@code --if-exists=replace}, seeded tables), refusing
   * by name a table outside them that references one.
   */
  public void empty(java.util.Collection<String> tables) {
    if (tables.isEmpty()) {
      return;
    }
    try (Connection c = target.open()) {
      new Truncation(schema).empty(c, tables);
    } catch (SQLException e) {
      throw TargetErrors.translate("Emptying " + String.join(", ", tables), e, target);
    }
  }

  /**
   * STEP 3 of one file of a merged fleet loaded again: its tenant's rows from the interrupted
   * attempt deleted, in one transaction, so the file is copied whole once more.
   */
  public void deleteTenant(List<TablePlan> tables, dev.sqlite2pg.pg.TenantScope tenant) {
    try (Connection c = target.open()) {
      dev.sqlite2pg.pg.TargetWrites.inTransaction(
          c,
          st -> {
            for (TablePlan t : tables) {
              st.execute(tenant.delete(qualified(schema, t.target())));
            }
          });
    } catch (SQLException e) {
      throw TargetErrors.translate("Deleting tenant " + tenant.value() + "'s rows", e, target);
    }
  }

  /** STEP 5 of {@code --data-only}: the schema is the application's; only sequences move. */
  public void postDataOnly(Plan plan, Sequences.SourceKeys keys) {
    try (Connection c = target.open()) {
      c.setAutoCommit(true);
      new Sequences(schema, keys).reset(c, plan.tables(), warnings);
      try (Statement s = c.createStatement()) {
        for (TablePlan t : plan.tables()) {
          s.execute("ANALYZE " + qualified(schema, t.target()));
        }
      }
    } catch (SQLException e) {
      throw TargetErrors.translate("Moving sequences past the loaded keys", e, target);
    }
  }

  private boolean schemaExists(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
