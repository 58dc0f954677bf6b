package dev.sqlite2pg.run;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.FleetOptions;
import dev.sqlite2pg.FleetResult;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.SchemaDiff;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.ServerFeatures;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TenantScope;
import dev.sqlite2pg.pg.ddl.CitusDistribution;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.pg.state.FleetState;
import dev.sqlite2pg.pg.state.RunFingerprint;
import dev.sqlite2pg.pg.state.RunLock;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.SqliteToPg;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TenantColumn;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.verify.Verifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet merged into one set of tables ({@code migrate --merge}, issue 15): the schemas compared
 * before anything is written, the merged tables created once (by whichever shard comes first), and
 * their keys, indexes and foreign keys built once, by the run that loads the fleet's last file.
 */
public final class MergedFleet {

  private static final Logger LOG = LoggerFactory.getLogger(MergedFleet.class);

  private final RunContext reference;
  private final FleetFile first;
  private final String column;
  private final FleetState state;

  /**
   * @param reference the run of the fleet's first file (by name), whose schema every file must have
   *     and whose plan the merged tables follow
   */
  public MergedFleet(RunContext reference, FleetFile first, String column) {
    this.reference = reference;
    this.first = first;
    this.column = column;
    this.state = new FleetState(reference.target(), reference.schema());
  }

  public FleetState state() {
    return state;
  }

  /**
   * The merged tables, read once for every file's plan and verify: they do not change while the
   * files load (keys come after the last). The server's version is checked here when verify runs.
   */
  public static ExistingTables tables(RunContext run) {
    if (run.options().verify()) {
      return Verifier.checkedTables(run.target(), run.schema());
    }
    try (Connection c = run.target().open()) {
      return ExistingTables.read(c, run.schema());
    } catch (SQLException e) {
      throw TargetErrors.translate("Reading the target schema " + run.schema(), e, run.target());
    }
  }

  /**
   * One line per file whose schema is not the first file's, saying what differs; such files are
   * never merged. Each file's catalog is read once, read-only.
   */
  public static List<String> differences(FleetFile first, List<FleetFile> files) {
    SqliteSource reference = SqliteSource.open(first.path());
    Catalog ref = CatalogStep.read(reference);
    String refText = schemaText(reference);
    List<String> out = new ArrayList<>();
    for (FleetFile f : files) {
      SqliteSource source = SqliteSource.open(f.path());
      // The same schema text is the same schema: one query instead of a catalog read (PRAGMAs
      // per table and column), 2.2 s of 27 over 1,000 files.
      if (!f.equals(first) && !schemaText(source).equals(refText)) {
        SchemaDiff.of(ref, CatalogStep.read(source))
            .ifPresent(
                d ->
                    out.add(
                        f.path()
                            + ": "
                            + d.first()
                            + (d.count() > 1 ? " (and " + (d.count() - 1) + " more)" : "")));
      }
    }
    return out;
  }

  /** Every schema object's CREATE text, in name order (sqlite_master as SQLite keeps it). */
  private static String schemaText(SqliteSource source) {
    try (Connection c = source.connect();
        Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema"
                    + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")) {
      StringBuilder sb = new StringBuilder();
      while (rs.next()) {
        for (int i = 1; i <= 4; i++) {
          sb.append(rs.getString(i)).append('\u0000');
        }
      }
      return sb.toString();
    } catch (SQLException e) {
      throw dev.sqlite2pg.sqlite.SqliteErrors.translate(source.origin(), e);
    }
  }

  /**
   * The merged tables' plan; created here unless this fleet created them already (another shard, or
   * the interrupted run --resume continues).
   *
   * @param fleetFiles how many files the whole fleet has, across shards
   */
  @SuppressWarnings("try") // the lock is held by being open, never used
  public Plan prepare(FleetOptions options, int fleetFiles, boolean resume, boolean drop) {
    SqliteSource source = SqliteSource.open(first.path());
    RunContext create = reference.withMode(new LoadMode.Create());
    Plan merged =
        TenantColumn.addTo(
            PlanStep.run(create, source, CatalogStep.run(create, source), true), column);
    RunFingerprint fp =
        RunFingerprint.of(
            "merged fleet of "
                + fleetFiles
                + " files like "
                + first.name()
                + ", tenant column "
                + column
                + ", distribute "
                + options.distributeBy().orElse("no")
                + ", tables "
                + merged.tables().stream().map(TablePlan::target).toList());
    try (RunLock lock = RunLock.waitFor(reference.target(), "fleet " + reference.schema())) {
      Optional<FleetState.Fleet> fleet = state.fleet();
      if (fleet.isPresent() && !drop) {
        requireSame(fleet.get(), fp, resume || options.shard().isPresent());
        LOG.info("STEP 3: --merge: the merged tables of schema {} exist", reference.schema());
        return merged;
      }
      create(merged, options, drop || fleet.isPresent());
      state.begin(column, fp.hash(), fleetFiles);
    }
    return merged;
  }

  private void requireSame(FleetState.Fleet fleet, RunFingerprint fp, boolean continuing) {
    if (!fleet.fingerprint().equals(fp.hash())) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "schema "
              + reference.schema()
              + " holds a merged fleet of other files or options (tenant column "
              + fleet.tenantColumn()
              + ", "
              + fleet.files()
              + " files); now: "
              + fp.detail()
              + ": pass --drop to load this fleet instead, or another --schema");
    }
    if (!continuing) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "schema "
              + reference.schema()
              + " already holds this fleet: pass --resume to load the files not done yet, or"
              + " --drop to load them all again");
    }
  }

  private void create(Plan merged, FleetOptions options, boolean drop) {
    LOG.info(
        "STEP 3: --merge: creating {} merged tables in schema {} with tenant column {}",
        merged.tables().size(),
        reference.schema(),
        column);
    SchemaWriter writer = writer(merged);
    writer.createTables(merged.tables(), drop);
    TargetConnector target = reference.target();
    try (Connection c = target.open();
        Statement s = c.createStatement()) {
      for (TablePlan t : merged.tables()) {
        s.execute(
            alterTenant(
                t,
                "SET DEFAULT current_setting("
                    + dev.sqlite2pg.sql.PgLiterals.string(TenantScope.SETTING)
                    + ")"));
        // Each file is verified against its tenant's rows while the others load: without an
        // index that is a scan of the whole merged table per file, quadratic in the fleet.
        s.execute(
            "CREATE INDEX "
                + quote(loadIndex(t))
                + " ON "
                + qualified(reference.schema(), t.target())
                + " ("
                + quote(column)
                + ")");
      }
      if (options.distributeBy().isPresent()) {
        distribute(c, s, merged);
      }
    } catch (SQLException e) {
      throw TargetErrors.translate("Creating the merged tables", e, target);
    }
  }

  private void distribute(Connection c, Statement s, Plan merged) throws SQLException {
    try (var rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        throw new MigrationException(
            Code.TARGET,
            "--distribute-by needs a Citus coordinator: the target has no citus extension"
                + " (CREATE EXTENSION citus), or leave --distribute-by out");
      }
    }
    for (String sql : CitusDistribution.statements(reference.schema(), merged.tables(), column)) {
      LOG.info("STEP 3: {}", sql);
      s.execute(sql);
    }
  }

  /**
   * STEP 5 of the fleet, by the run that finds every file of the fleet done: keys, unique
   * constraints, indexes, foreign keys (each with the tenant column), sequences past every tenant's
   * keys, then the tenant column's load-time default removed.
   */
  @SuppressWarnings("try") // as in prepare
  public FleetResult.Keys finish(Plan merged) {
    try (RunLock lock = RunLock.waitFor(reference.target(), "fleet " + reference.schema())) {
      FleetState.Fleet fleet = state.fleet().orElseThrow();
      if (fleet.keysBuilt()) {
        return new FleetResult.Keys(
            false, "the keys were built by an earlier run", List.of(), List.of());
      }
      Map<String, FleetState.FileRecord> files = state.files();
      long done = files.values().stream().filter(f -> f.status().equals("done")).count();
      if (done < fleet.files()) {
        return new FleetResult.Keys(
            false,
            done
                + " of "
                + fleet.files()
                + " files are in; the run that loads the last one builds the keys, indexes"
                + " and foreign keys",
            List.of(),
            List.of());
      }
      LOG.info(
          "STEP 5: --merge: keys, indexes and foreign keys of the {} merged tables",
          merged.tables().size());
      SchemaWriter writer = writer(merged);
      try (SchemaWriter.PostData post = writer.startPostData(merged, reference.options().jobs())) {
        merged.tables().forEach(t -> post.tableReady(t.source().name()));
        writer.finishPostData(post, merged, true, true, (t, c) -> 0L);
      }
      dropDefaults(merged);
      state.keysBuilt();
      return new FleetResult.Keys(true, "", writer.warnings(), writer.notMigrated());
    }
  }

  private void dropDefaults(Plan merged) {
    TargetConnector target = reference.target();
    try (Connection c = target.open();
        Statement s = c.createStatement()) {
      for (TablePlan t : merged.tables()) {
        s.execute(alterTenant(t, "DROP DEFAULT"));
        // The primary key starts with the tenant column now; the load's index has done its work.
        s.execute("DROP INDEX IF EXISTS " + qualified(reference.schema(), loadIndex(t)));
      }
    } catch (SQLException e) {
      throw TargetErrors.translate(
          "Removing the tenant column's load-time default and index", e, target);
    }
  }

  private String alterTenant(TablePlan t, String change) {
    return "ALTER TABLE "
        + qualified(reference.schema(), t.target())
        + " ALTER COLUMN "
        + quote(column)
        + " "
        + change;
  }

  private String loadIndex(TablePlan t) {
    return dev.sqlite2pg.plan.TargetNames.shorten(t.target() + "_" + column + "_load");
  }

  private SchemaWriter writer(Plan merged) {
    return new SchemaWriter(
        reference.target(),
        reference.schema(),
        new SqliteToPg(merged.tables(), ServerFeatures.read(reference.target())),
        true);
  }
}
