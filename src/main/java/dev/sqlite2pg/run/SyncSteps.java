package dev.sqlite2pg.run;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sync.Apply;
import dev.sqlite2pg.sync.Capture;
import dev.sqlite2pg.sync.Changelog;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.SyncState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code sync} around the copy (design 3.3 and 3.4): capture installed before the
 * snapshot, the boundary recorded, the fence put up, then changes applied until told to stop; and
 * {@code sync stop}, which removes every trace from both sides.
 */
public final class SyncSteps {

  private static final Logger LOG = LoggerFactory.getLogger(SyncSteps.class);

  /** How long the loop sleeps when SQLite has nothing new, and how often it prunes. */
  private static final long IDLE_MS = 20;

  private static final long PRUNE_MS = 10_000;
  private static final int BATCH = 50_000;

  private SyncSteps() {}

  /** Capture ready for a copy: the boundary, and whether an earlier sync start's copy died. */
  public record Installed(long boundary, boolean again) {}

  /**
   * Installs capture in the source file and returns the boundary: every change after it is applied
   * after the copy. Read before the copy's snapshot, it may be a little low; changes applied twice
   * are harmless (state-based apply), changes skipped would not be.
   *
   * <p>When the file has capture already but the target has no sync progress, an earlier {@code
   * sync start} died during its copy (killed, or the machine went down): the capture it installed
   * stays and the copy starts again from a new snapshot. The boundary is read now, before that
   * snapshot, so the changes made since the first install are in the new copy or applied after it.
   */
  public static Installed install(RunContext run) {
    Path source = run.options().source();
    try (Connection c = Capture.writable(source)) {
      if (Capture.installed(c) && !started(run)) {
        long boundary = Capture.boundary(c);
        LOG.warn(
            "sync: an earlier sync start into schema {} did not finish its copy; copying again"
                + " (change capture stays installed in {}; boundary {})",
            run.schema(),
            source,
            boundary);
        return new Installed(boundary, true);
      }
      Catalog catalog = new CatalogReader(c).read();
      Capture.install(c, Capture.tables(catalog));
      long boundary = Capture.boundary(c);
      LOG.info("sync: change capture installed in {}; boundary {}", source, boundary);
      return new Installed(boundary, false);
    } catch (SQLException e) {
      throw SqliteErrors.translate(source, e);
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
      List<String> tables = new java.util.ArrayList<>();
      try (java.sql.PreparedStatement ps =
          pg.prepareStatement(
              "SELECT DISTINCT t.target_table FROM sqlite2pg.tables t JOIN sqlite2pg.runs r"
                  + " USING (run_id) WHERE r.target_schema = ? AND r.status <> 'done'"
                  + " AND starts_with(r.fingerprint_detail, ?)")) {
        ps.setString(1, run.schema());
        ps.setString(2, prefix);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      } catch (SQLException noRunsYet) {
        return; // killed before the copy recorded its run: it made nothing to drop
      }
      try (java.sql.Statement s = pg.createStatement()) {
        for (String t : tables) {
          s.execute(
              "DROP TABLE IF EXISTS "
                  + dev.sqlite2pg.sql.Identifiers.qualified(run.schema(), t)
                  + " CASCADE"); // with the views that copy made on them, if it got that far
        }
      }
      LOG.info("sync: dropped {} table(s) the interrupted copy made: {}", tables.size(), tables);
    } catch (SQLException e) {
      throw TargetErrors.translate("Dropping the interrupted copy's tables", e, run.target());
    }
  }

  /** After the copy: the boundary recorded (unless a run recorded one) and the fence up. */
  public static void started(RunContext run, Plan plan, long boundary) {
    try (Connection pg = run.target().open()) {
      new SyncState(run.schema()).start(pg, boundary);
      Fence.install(pg, run.schema(), targets(plan));
    } catch (SQLException e) {
      throw TargetErrors.translate("Recording where sync starts", e, run.target());
    }
  }

  /**
   * Applies changes until {@code stop} says so; returns the id applied last. A batch is one
   * PostgreSQL transaction with its progress, so stopping (or dying) between batches loses nothing.
   */
  public static long apply(RunContext run, SqliteSource source, Plan plan, BooleanSupplier stop) {
    // The live file, not a snapshot: the changes are read where the application writes them.
    Path file = run.options().source();
    try (Connection sqlite = Capture.writable(file);
        Connection pg = run.target().open()) {
      Apply apply =
          new Apply(
              run.schema(),
              plan.catalog().utf8(),
              Capture.tables(new CatalogReader(sqlite).read()).keyed(),
              plan.tables());
      long applied = apply.applied(pg).orElseThrow(() -> notStarted(run));
      long pruned = System.nanoTime();
      while (!stop.getAsBoolean()) {
        Apply.Batch b = apply.batch(sqlite, pg, applied, BATCH);
        applied = b.applied();
        if (b.changes() == 0) {
          Thread.sleep(IDLE_MS);
        } else {
          LOG.info("sync: applied {} changes of {} keys, up to {}", b.changes(), b.keys(), applied);
        }
        if (System.nanoTime() - pruned > PRUNE_MS * 1_000_000) {
          Changelog.prune(sqlite, applied);
          pruned = System.nanoTime();
        }
      }
      return applied;
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
    return List.copyOf(
        dev.sqlite2pg.pg.TargetTables.named(
            pg, schema, names, dev.sqlite2pg.pg.TargetTables.TABLES));
  }

  private static dev.sqlite2pg.MigrationException notStarted(RunContext run) {
    return new dev.sqlite2pg.MigrationException(
        dev.sqlite2pg.MigrationException.Code.TARGET,
        "no sync started into schema " + run.schema() + ": run sqlite2pg sync start first");
  }
}
