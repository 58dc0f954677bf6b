package dev.sqlite2pg.run;

import dev.sqlite2pg.SyncServe;
import dev.sqlite2pg.SyncStatus;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.monitor.ApplyMetrics;
import dev.sqlite2pg.monitor.StatusServer;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.state.RunLock;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetFit;
import dev.sqlite2pg.sql.Identifiers;
import dev.sqlite2pg.sql.SqlResources;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sync.Apply;
import dev.sqlite2pg.sync.Capture;
import dev.sqlite2pg.sync.CaptureKey;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.ReverseApply;
import dev.sqlite2pg.sync.ReverseCapture;
import dev.sqlite2pg.sync.SchemaWatch;
import dev.sqlite2pg.sync.SyncState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code sync} around the copy (design 3.3 and 3.4): capture installed before the
 * snapshot, the boundary recorded, the fence put up, then changes applied until told to stop; and
 * {@code sync stop}, which removes every trace from both sides.
 */
public final class SyncSteps {

  private static final Logger LOG = LoggerFactory.getLogger(SyncSteps.class);

  private SyncSteps() {}

  /**
   * Installs capture in the source file; true when it was there already because an earlier {@code
   * sync start} died during its copy (killed, or the machine went down): the capture it installed
   * stays, and the copy starts again from a new snapshot. A file whose sync started (the target has
   * its progress) is refused.
   */
  public static boolean install(RunContext run) {
    Path source = run.options().source();
    try (Connection c = Capture.writable(source)) {
      if (Capture.installed(c) && !started(run)) {
        LOG.warn(
            "sync: an earlier sync start into schema {} did not finish its copy; copying again"
                + " (change capture stays installed in {})",
            run.schema(),
            source);
        return true;
      }
      Catalog catalog = new CatalogReader(c).read();
      Capture.Captured captured = Capture.tables(catalog);
      Capture.install(c, captured);
      SchemaWatch.record(c); // what schema drift is judged against (design 3.5)
      report(captured, Capture.imageRows(c, captured));
      LOG.info("sync: change capture installed in {}", source);
      warnRollbackJournal(c, source);
      return false;
    } catch (SQLException e) {
      throw SqliteErrors.translate(source, e);
    }
  }

  /**
   * Design 3.2: in rollback-journal mode sync's reads take SQLite's shared lock for milliseconds,
   * and an application writer that has no busy timeout gets "database is locked" when its commit
   * meets one. Supported, but said once, with the two ways out.
   */
  private static void warnRollbackJournal(Connection c, Path source) throws SQLException {
    String mode = CommitSignal.journalMode(c);
    if (!mode.equals("wal")) {
      LOG.warn(
          "sync: {} is in {} journal mode: each batch sync reads takes SQLite's shared lock for"
              + " a few milliseconds, and an application write that meets it waits, or fails with"
              + " 'database is locked' if the application set no busy timeout (Django and Rails set"
              + " 5 s; the sqlite3 shell sets none). Switch the file to WAL"
              + " (PRAGMA journal_mode=WAL) or give the application a busy timeout",
          source,
          mode);
    }
  }

  /**
   * The exact boundary between the copy and the stream (design 3.3), read from the snapshot the
   * copy reads: every change up to it is in the copy, every later one is applied after it. Read
   * anywhere else it would be off by the writes in between, and image-mode tables, which have no
   * key to make a change applied twice harmless, would get those rows twice.
   */
  public static long boundary(SqliteSource snapshot) {
    try (Connection c = snapshot.connect()) {
      long boundary = Capture.boundary(c);
      LOG.info("sync: the copy holds the changes up to {}", boundary);
      return boundary;
    } catch (SQLException e) {
      throw SqliteErrors.translate(snapshot.origin(), e);
    }
  }

  /** Whether sync recorded where it starts in this target (its copy completed). */
  private static boolean started(RunContext run) {
    try (Connection pg = run.target().open()) {
      return new SyncState(run.schema()).applied(pg).isPresent();
    } catch (SQLException e) {
      throw TargetErrors.translate("Reading sync's progress", e, run.target());
    }
  }

  /**
   * Before a copy again: drops the tables an interrupted copy of this source made (the ones its
   * unfinished run in {@code sqlite2pg.runs} lists), so the copy creates them afresh. Only those: a
   * table sqlite2pg did not record making is never dropped, and the copy refuses it as usual.
   */
  public static void dropInterruptedCopy(RunContext run) {
    String prefix = "source " + run.options().source().toAbsolutePath().normalize() + ",";
    try (Connection pg = run.target().open()) {
      if (!TargetTables.exist(pg, "sqlite2pg.runs", "sqlite2pg.tables")) {
        return; // killed before the copy recorded its run: it made nothing to drop
      }
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps = pg.prepareStatement(SqlResources.load("pg-interrupted-copy"))) {
        ps.setString(1, run.schema());
        ps.setString(2, prefix);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      try (Statement s = pg.createStatement()) {
        for (String t : tables) {
          // CASCADE: with the views that copy made on them, if it got that far.
          s.execute("DROP TABLE IF EXISTS " + Identifiers.qualified(run.schema(), t) + " CASCADE");
        }
      }
      LOG.info("sync: dropped {} table(s) the interrupted copy made: {}", tables.size(), tables);
    } catch (SQLException e) {
      throw TargetErrors.translate("Dropping the interrupted copy's tables", e, run.target());
    }
  }

  /** What sync start says about the tables it cannot follow by a key (design 3.2). */
  private static void report(Capture.Captured captured, java.util.Map<String, Long> imageRows) {
    imageRows.forEach(
        (table, rows) ->
            LOG.warn(
                "sync: {} has no key: followed by row images ({} rows); duplicates are handled one"
                    + " row at a time",
                table,
                rows));
    for (String v : captured.virtual()) {
      LOG.warn("sync: {} is a virtual table: not migrated and not followed", v);
    }
  }

  /** After the copy: the boundary recorded (unless a run recorded one) and the fence up. */
  public static void started(RunContext run, Plan plan, long boundary) {
    try (Connection pg = run.target().open()) {
      new SyncState(run.schema()).start(pg, boundary);
      Fence.install(pg, run.schema(), targets(plan));
      ReverseCapture.install(pg, run.schema(), plan.tables()); // armed: cut-over creates nothing
    } catch (SQLException e) {
      throw TargetErrors.translate("Recording where sync starts", e, run.target());
    }
  }

  /**
   * Applies changes until {@code stop} says so; returns the id applied last. A batch is one
   * PostgreSQL transaction with its progress, so stopping (or dying) between batches loses nothing.
   * Holds the target's run lock meanwhile: two followers never race, and sync status can tell a
   * following process from a stopped one.
   */
  @SuppressWarnings("try") // the server is held, not used, for the loop's length
  public static long apply(
      RunContext run, Supplier<TargetFit.Fitted> plan, BooleanSupplier stop, SyncServe serve) {
    ApplyMetrics metrics = new ApplyMetrics();
    try (AutoCloseable server = serve(run, run.options().source(), metrics, serve)) {
      return new Retrying(stop, metrics).until(() -> follow(run, plan.get(), stop, metrics));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sync interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // closing the HTTP server declares Exception
    }
  }

  /** One attempt: the lock, both connections, and the loop until stop or a failure. */
  @SuppressWarnings("try") // the lock is held, not used, for the loop's length
  private static long follow(
      RunContext run, TargetFit.Fitted fitted, BooleanSupplier stop, ApplyMetrics metrics) {
    Plan plan = fitted.plan();
    // The live file, not a snapshot: the changes are read where the application writes them.
    Path file = run.options().source();
    try (RunLock lock = RunLock.acquire(run.target(), run.schema());
        Connection sqlite = Capture.writable(file);
        Connection pg = run.target().open()) {
      List<CaptureKey> keys = SchemaWatch.captured(sqlite, new CatalogReader(sqlite).read());
      Apply apply = new Apply(run.schema(), plan.catalog().utf8(), keys, plan.tables());
      SchemaWatch watch = new SchemaWatch(run.schema(), plan.catalog().utf8(), keys, plan.tables());
      long applied = apply.applied(pg).orElseThrow(() -> notStarted(run));
      Rollback.settle(run, plan, sqlite, pg); // a rollback stopped after its decision
      if (Cutover.settle(run, plan, sqlite, pg)) {
        // Cut over: the application writes to PostgreSQL; its writes follow it into SQLite.
        ReverseApply reverse = new ReverseApply(run.schema(), plan.tables(), sqlite);
        new ReverseLoop(reverse, run.schema(), sqlite, pg, metrics).run(stop);
        return applied;
      }
      if (!Fence.missing(pg, run.schema(), targets(plan)).isEmpty()) {
        Fence.install(pg, run.schema(), targets(plan)); // dropped by hand: cut-over needs it
      }
      pauseUnfit(run, pg, fitted.unfit());
      CommitSignal signal = new CommitSignal(sqlite, file);
      return new FollowLoop(apply, watch, sqlite, signal, pg, metrics).run(applied, stop);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sync interrupted", e);
    } catch (SQLException e) {
      // Both sides are read here: the driver's exception class says which failed.
      throw e instanceof org.sqlite.SQLiteException
          ? SqliteErrors.translate(file, e)
          : TargetErrors.translate("Applying SQLite's changes", e, run.target());
    }
  }

  /**
   * Tables that do not fit their PostgreSQL table now (a column added in SQLite while sync was
   * stopped, say) are paused, so their changes are re-synced once they fit instead of skipped.
   */
  private static void pauseUnfit(RunContext run, Connection pg, Map<String, String> unfit)
      throws SQLException {
    SyncState state = new SyncState(run.schema());
    for (Map.Entry<String, String> t : unfit.entrySet()) {
      String why =
          "does not fit its PostgreSQL table ("
              + t.getValue()
              + "); make the same change in PostgreSQL and run sqlite2pg sync run again, or"
              + " sqlite2pg sync stop";
      state.pause(pg, t.getKey(), why);
      LOG.warn("sync: {} {}; its changes are paused meanwhile", t.getKey(), why);
    }
  }

  /** The HTTP endpoint, when asked for; a no-op to close when not. */
  private static AutoCloseable serve(
      RunContext run, Path file, ApplyMetrics metrics, SyncServe serve) {
    if (serve.http().isEmpty()) {
      return () -> {};
    }
    StatusServer server =
        StatusServer.start(serve.http().get(), new LiveStatus(run, file), metrics, serve.maxLag());
    LOG.info(
        "sync: status on http://{}:{}/ (and /status, /metrics, /health)",
        server.address().getHostString(),
        server.address().getPort());
    return server;
  }

  /** Where sync stands, read from both sides (sync status). */
  public static SyncStatus status(RunContext run) {
    return new LiveStatus(run, run.options().source()).get();
  }

  /** Removes capture from the source file again: the copy it was installed for did not finish. */
  public static void uninstall(Path source) {
    try (Connection c = Capture.writable(source)) {
      Capture.remove(c);
      LOG.info("sync: the copy did not complete; change capture removed from {} again", source);
    } catch (SQLException e) {
      throw SqliteErrors.translate(source, e);
    }
  }

  /** Removes capture from the SQLite file, the fence and the progress from the target. */
  public static void stop(RunContext run, Path source, Plan plan) {
    try (Connection c = Capture.writable(source)) {
      Capture.remove(c);
    } catch (SQLException e) {
      throw SqliteErrors.translate(source, e);
    }
    try (Connection pg = run.target().open()) {
      Fence.remove(pg, run.schema(), existing(pg, run.schema(), targets(plan)));
      ReverseCapture.remove(pg, run.schema());
      new SyncState(run.schema()).clear(pg);
    } catch (SQLException e) {
      throw TargetErrors.translate("Removing sync's fence", e, run.target());
    }
    LOG.info("sync: stopped; capture removed from {}, fence and progress from the target", source);
  }

  private static List<String> targets(Plan plan) {
    return plan.tables().stream().map(TablePlan::target).toList();
  }

  private static List<String> existing(Connection pg, String schema, List<String> names)
      throws SQLException {
    return List.copyOf(TargetTables.named(pg, schema, names, TargetTables.TABLES));
  }

  static dev.sqlite2pg.MigrationException notStarted(RunContext run) {
    return new dev.sqlite2pg.MigrationException(
        dev.sqlite2pg.MigrationException.Code.TARGET,
        "no sync started into schema " + run.schema() + ": run sqlite2pg sync start first");
  }
}
