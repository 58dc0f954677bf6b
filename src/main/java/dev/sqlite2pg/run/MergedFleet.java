package dev.sqlite2pg.run;

import static dev.sqlite2pg.sql.Identifiers.qualified;

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
import dev.sqlite2pg.verify.TenantFingerprints;
import dev.sqlite2pg.verify.Verifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
      autovacuum(s, merged, "SET (autovacuum_enabled = false)");
      if (options.distributeBy().isPresent()) {
        distribute(c, s, merged);
      }
    } catch (SQLException e) {
      throw TargetErrors.translate("Creating the merged tables", e, target);
    }
  }

  /**
   * Autovacuum stays off the merged tables while the files load and until their keys are built: a
   * fleet takes long enough for it to start on them, and each ALTER TABLE of STEP 5 then waited for
   * it to be cancelled (deadlock_timeout, 1 s; seen on 1,000 files of 2,000 rows). The keys end
   * with ANALYZE; autovacuum is back on (the server's setting) once they are built.
   */
  private void autovacuum(Statement s, Plan merged, String change) throws SQLException {
    for (TablePlan t : merged.tables()) {
      s.execute("ALTER TABLE " + qualified(reference.schema(), t.target()) + " " + change);
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

  /** What the run that finds every file of the fleet done did: its keys and its tenants. */
  public record Finished(FleetResult.Keys keys, Optional<FleetResult.Tenants> tenants) {}

  /**
   * The fleet's end, by the run that finds every file of it done: every tenant compared with its
   * file (unless --no-verify; again on every such run, as a --resume of a done fleet), then STEP 5:
   * keys, unique constraints, indexes, foreign keys (each with the tenant column), sequences past
   * every tenant's keys, unless an earlier run built them. The tenants are compared first: the
   * grouped scans need no index, and each ALTER TABLE of STEP 5 would stop them.
   */
  @SuppressWarnings("try") // as in prepare
  public Finished finish(Plan merged, boolean verify) {
    try (RunLock lock = RunLock.waitFor(reference.target(), "fleet " + reference.schema())) {
      FleetState.Fleet fleet = state.fleet().orElseThrow();
      Set<String> done =
          state.files().entrySet().stream()
              .filter(e -> e.getValue().status().equals("done"))
              .map(Map.Entry::getKey)
              .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
      if (done.size() < fleet.files()) {
        return new Finished(
            new FleetResult.Keys(
                false,
                done.size()
                    + " of "
                    + fleet.files()
                    + " files are in; the run that loads the last one builds the keys, indexes"
                    + " and foreign keys",
                List.of(),
                List.of()),
            Optional.empty());
      }
      Optional<FleetResult.Tenants> tenants =
          verify ? Optional.of(verifyTenants(merged, done)) : Optional.empty();
      if (fleet.keysBuilt()) {
        return new Finished(
            new FleetResult.Keys(
                false, "the keys were built by an earlier run", List.of(), List.of()),
            tenants);
      }
      return new Finished(keys(merged), tenants);
    }
  }

  private FleetResult.Keys keys(Plan merged) {
    LOG.info(
        "STEP 5: --merge: keys, indexes and foreign keys of the {} merged tables",
        merged.tables().size());
    SchemaWriter writer = writer(merged);
    try (SchemaWriter.PostData post = writer.startPostData(merged, reference.options().jobs())) {
      merged.tables().forEach(t -> post.tableReady(t.source().name()));
      writer.finishPostData(post, merged, true, true, (t, c) -> 0L);
    }
    try (Connection c = reference.target().open();
        Statement s = c.createStatement()) {
      autovacuum(s, merged, "RESET (autovacuum_enabled)");
    } catch (SQLException e) {
      throw TargetErrors.translate("Turning autovacuum back on", e, reference.target());
    }
    state.keysBuilt();
    return new FleetResult.Keys(true, "", writer.warnings(), writer.notMigrated());
  }

  /**
   * Every tenant of the fleet compared with its file: each merged table fingerprinted per tenant in
   * one pass, against what each done file recorded of its source when it loaded ({@link
   * VerifyStep}).
   */
  private FleetResult.Tenants verifyTenants(Plan merged, Set<String> done) {
    LOG.info("STEP 6: --merge: every tenant of {} tables compared", merged.tables().size());
    ExistingTables existing = Verifier.checkedTables(reference.target(), reference.schema());
    List<TablePlan> files = merged.tables().stream().map(this::withoutTenant).toList();
    Map<String, TenantFingerprints.Result> target =
        TenantFingerprints.all(
            reference.target(),
            reference.schema(),
            existing,
            files,
            column,
            reference.options().jobs());
    TenantComparison compared = new TenantComparison(done);
    for (TablePlan t : files) {
      compared.table(t, target.get(t.source().name()), state.recordedTables(t.source().name()));
    }
    return compared.result();
  }

  /** {@code t} as a file of the fleet loads it: its columns without the tenant column. */
  private TablePlan withoutTenant(TablePlan t) {
    return new TablePlan(
        t.source(),
        t.target(),
        t.sourceRows(),
        t.columns().stream().filter(c -> !c.target().equals(column)).toList());
  }

  private SchemaWriter writer(Plan merged) {
    return new SchemaWriter(
        reference.target(),
        reference.schema(),
        new SqliteToPg(merged.tables(), ServerFeatures.read(reference.target())),
        true);
  }
}
