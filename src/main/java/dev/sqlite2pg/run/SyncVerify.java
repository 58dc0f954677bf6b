package dev.sqlite2pg.run;

import dev.sqlite2pg.SyncPosition;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.state.RunLock;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sync.Apply;
import dev.sqlite2pg.sync.Capture;
import dev.sqlite2pg.sync.CaptureKey;
import dev.sqlite2pg.sync.SchemaWatch;
import dev.sqlite2pg.sync.SyncState;
import dev.sqlite2pg.verify.EarlyTargetSide;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Equality at one recorded change (design 3.6): {@code sync verify}, and the position any verify of
 * a file under sync reports.
 */
public final class SyncVerify {

  private static final Logger LOG = LoggerFactory.getLogger(SyncVerify.class);

  private SyncVerify() {}

  /**
   * When {@code snapshot} is of a file under sync into this target: the change id it holds and the
   * one PostgreSQL has applied (design 3.6), read after the comparison, so equal ids mean the
   * comparison saw one moment on both sides.
   */
  public static Optional<SyncPosition> position(RunContext run, SqliteSource snapshot) {
    long held;
    try (Connection c = snapshot.connect()) {
      if (!Capture.installed(c)) {
        return Optional.empty();
      }
      held = Capture.boundary(c);
    } catch (SQLException e) {
      throw SqliteErrors.translate(snapshot.origin(), e);
    }
    try (Connection pg = run.target().open()) {
      return new SyncState(run.schema()).progress(pg).map(p -> new SyncPosition(held, p.applied()));
    } catch (SQLException e) {
      throw TargetErrors.translate("Reading sync's progress", e, run.target());
    }
  }

  /**
   * {@code sync verify} (design 3.6): a snapshot at change P; the changes up to exactly P applied
   * with the rows read from that snapshot, not from the live file, so PostgreSQL then holds the
   * snapshot's moment; the snapshot verified against it; the result recorded. Holds the run lock
   * throughout: no follower moves PostgreSQL past P meanwhile (stop sync run first; the application
   * keeps writing, its changes wait in the changelog).
   */
  @SuppressWarnings("try") // the lock is held, not used
  public static VerifyResult verifyAt(RunContext run, long start) {
    try (RunLock lock = RunLock.acquire(run.target(), run.schema());
        SqliteSource.Snapshot snapshot = SqliteSource.open(run.options().source()).snapshot()) {
      SqliteSource at = snapshot.source();
      Catalog catalog = CatalogStep.run(run, at);
      long position = applyUpTo(run, at, PlanStep.runEach(run, at, catalog).plan());
      VerifyResult result =
          VerifyStep.alone(
              run, at, start, catalog, EarlyTargetSide.NONE, new StepClock(run.progress()));
      try (Connection pg = run.target().open()) {
        new SyncState(run.schema()).verified(pg, position, result.equal());
      }
      return result;
    } catch (SQLException e) {
      throw TargetErrors.translate("Recording sync verify's result", e, run.target());
    }
  }

  /** Applies the snapshot's changes after the target's position, up to its last; that id. */
  private static long applyUpTo(RunContext run, SqliteSource snapshot, Plan plan) {
    try (Connection sqlite = snapshot.connect();
        Connection pg = run.target().open()) {
      List<CaptureKey> keys = SchemaWatch.captured(sqlite, new CatalogReader(sqlite).read());
      Apply apply = new Apply(run.schema(), plan.catalog().utf8(), keys, plan.tables());
      apply.skip(new SyncState(run.schema()).paused(pg).keySet());
      long position = Capture.boundary(sqlite);
      long applied = apply.applied(pg).orElseThrow(() -> SyncSteps.notStarted(run));
      while (applied < position) {
        Apply.Batch b = apply.batch(sqlite, pg, applied, 50_000);
        if (b.changes() == 0) {
          break; // nothing between: PostgreSQL holds the snapshot's moment already
        }
        applied = b.applied();
      }
      LOG.info("sync verify: PostgreSQL holds the changes up to {}, as the snapshot", position);
      return position;
    } catch (SQLException e) {
      throw e instanceof org.sqlite.SQLiteException
          ? SqliteErrors.translate(snapshot.origin(), e)
          : TargetErrors.translate("Applying up to the snapshot", e, run.target());
    }
  }
}
