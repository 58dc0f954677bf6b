package dev.sqlite2pg.run;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.pg.ServerFeatures;
import dev.sqlite2pg.pg.ddl.CutoverForeignKeys;
import dev.sqlite2pg.pg.ddl.Sequences;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.SqliteToPg;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sync.Apply;
import dev.sqlite2pg.sync.CaptureKey;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.SchemaWatch;
import dev.sqlite2pg.sync.SqliteFence;
import dev.sqlite2pg.sync.SyncState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code sqlite2pg cutover} (design 3.7): moves the application's writes from SQLite to PostgreSQL
 * so that at every moment exactly one of them takes writes, and the one that does holds every
 * acknowledged write. The order is the protocol:
 *
 * <ol>
 *   <li>preconditions, then catch up until the lag settles (nothing changes for the application);
 *   <li>SQLite's write lock ({@code BEGIN IMMEDIATE}, bounded by {@code --lock-timeout});
 *   <li>the drain, in one PostgreSQL transaction with its row hashes checked, the sequences moved,
 *       the foreign keys added NOT VALID and the phase 'cutting-over'; committed;
 *   <li>SQLite's fence and the cut-over marker in the locked transaction; its commit decides;
 *   <li>PostgreSQL's fence lifted, phase 'cut-over';
 *   <li>the application told ({@code --on-cutover}, PgBouncer RESUME); foreign keys validated.
 * </ol>
 *
 * A crash anywhere is recovered by {@link CutoverRecovery}: before the decision, undone; after it,
 * finished. Never both sides writable: SQLite is fenced before PostgreSQL is unfenced.
 */
public final class Cutover {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Cutover.class);

  private final RunContext run;
  private final Plan plan;
  private final CutoverOptions options;
  private final CutoverSteps steps = new CutoverSteps("cutover");
  private final SyncState state;

  private Cutover(RunContext run, Plan plan, CutoverOptions options) {
    this.run = run;
    this.plan = plan;
    this.options = options;
    this.state = new SyncState(run.schema());
  }

  /** Cuts over, or with {@code --resume} finishes or undoes one that stopped part way. */
  public static CutoverResult run(RunContext run, Plan plan, CutoverOptions options) {
    Cutover c = new Cutover(run, plan, options);
    return BothSides.locked(
        run,
        "Cutting over",
        (sqlite, pg) -> {
          CutoverRecovery recovery = c.recovery();
          Optional<CutoverResult> recovered = recovery.pending(sqlite, pg, options.resume());
          return recovered.isPresent() ? recovered.get() : c.cutOver(sqlite, pg, recovery);
        });
  }

  /**
   * For {@code sync run} (design 3.7, recovery): a cut-over that stopped part way is undone when
   * SQLite never committed it, and finished when it did (the application is then not told: said in
   * a warning); true when the file is cut over and there is nothing left to follow.
   */
  public static boolean settle(RunContext run, Plan plan, Connection sqlite, Connection pg)
      throws SQLException {
    Cutover c = new Cutover(run, plan, CutoverOptions.defaults());
    CutoverRecovery recovery = c.recovery();
    CutoverRecovery.Found f = recovery.find(sqlite, pg);
    if (f.none()) {
      return false;
    }
    if (f.phase().equals("cutting-over") && f.marker().isEmpty()) {
      recovery.undo(pg, f);
      return false;
    }
    boolean finishing = f.phase().equals("cutting-over");
    CutoverResult r = recovery.pending(sqlite, pg, true).orElseThrow();
    if (finishing) {
      LOG.warn(
          "sync: finished the cut-over that stopped after SQLite committed it, at {}; its"
              + " --on-cutover did not run: tell the application to write to PostgreSQL",
          r.at().orElseThrow());
    }
    LOG.info(
        "sync: {} was cut over to PostgreSQL at {}",
        run.options().source(),
        r.at().map(Object::toString).orElse("?"));
    return true;
  }

  private CutoverRecovery recovery() {
    return new CutoverRecovery(run.schema(), () -> foreignKeys(run, plan), options, steps);
  }

  private CutoverResult cutOver(Connection sqlite, Connection pg, CutoverRecovery recovery)
      throws SQLException, InterruptedException {
    CutoverChecks.check(sqlite, pg, run.schema(), targets(), options);
    List<CaptureKey> keys = SchemaWatch.captured(sqlite, new CatalogReader(sqlite).read());
    boolean utf8 = plan.catalog().utf8();
    Apply apply = new Apply(run.schema(), utf8, keys, plan.tables());
    SchemaWatch watch = new SchemaWatch(run.schema(), utf8, keys, plan.tables());
    long applied = apply.applied(pg).orElseThrow();
    applied = CatchUp.run(apply, watch, sqlite, pg, applied, options.maxLag(), options.lagWindow());
    CutoverForeignKeys fks = recovery.fks(); // before the lock: it reads the server's features
    steps.done("caught-up", "caught up");
    Fence.prepare(pg); // a target whose sync started under an older sqlite2pg
    try (Bouncer bouncer = Bouncer.of(options)) {
      Drained drained = null;
      try {
        pause(bouncer);
        SqliteLock lock = SqliteLock.take(sqlite, options.lockTimeout(), "cut-over");
        steps.done("locked", "SQLite write lock taken");
        drained = drain(sqlite, pg, apply, watch, fks, applied, lock);
        steps.done(
            "drained",
            "drained "
                + drained.changes()
                + " changes; PostgreSQL committed the drain, sequences, foreign keys (NOT VALID)");
        Instant at = decide(sqlite, keys, drained.position(), lock);
        steps.done("decided", "SQLite fenced and committed: cut over");
        double lockMs = lock.heldMs();
        recovery.unfence(pg, at, lockMs);
        steps.done("unfenced", "PostgreSQL unfenced: it takes the application's writes");
        return recovery.finish(pg, at, drained.position(), drained.changes(), lockMs, bouncer);
      } catch (SQLException | RuntimeException e) {
        bouncer.resume(); // never left paused
        if (drained == null) {
          throw e; // nothing committed anywhere
        }
        return settle(sqlite, pg, recovery, e);
      }
    }
  }

  /**
   * A failure after PostgreSQL's commit (step 4): what SQLite holds decides, as after a crash.
   * Without the marker the cut-over is undone and the failure reported; with it (the commit went
   * through after all) the cut-over is finished.
   */
  private CutoverResult settle(
      Connection sqlite, Connection pg, CutoverRecovery recovery, Exception failure)
      throws SQLException {
    CutoverResult r;
    try {
      r = recovery.pending(sqlite, pg, true).orElseThrow();
    } catch (SQLException | RuntimeException again) {
      failure.addSuppressed(again);
      if (failure instanceof SQLException se) {
        throw se;
      }
      throw (RuntimeException) failure;
    }
    if (r.outcome() == CutoverResult.Outcome.UNDONE) {
      throw CutoverChecks.refused(
          List.of(
              "the cut-over failed before SQLite committed it and was undone ("
                  + failure.getMessage()
                  + "); the application stays on SQLite"));
    }
    return r;
  }

  private void pause(Bouncer bouncer) {
    if (bouncer.present()) {
      bouncer.pause(options.lockTimeout());
      steps.done("paused", "PgBouncer paused " + bouncer.database());
    }
  }

  /** What the drain applied: the last change SQLite took, and how many changes. */
  private record Drained(long position, long changes) {}

  /**
   * Steps 2 and 3: every change after {@code applied} read in SQLite's locked transaction and
   * applied in one PostgreSQL transaction with the rest of cut-over's PostgreSQL side. Anything
   * wrong rolls back both: the application never left SQLite.
   */
  private Drained drain(
      Connection sqlite,
      Connection pg,
      Apply apply,
      SchemaWatch watch,
      CutoverForeignKeys fks,
      long applied,
      SqliteLock lock)
      throws SQLException {
    pg.setAutoCommit(false);
    try {
      if (!watch.settled(sqlite)) {
        throw abort("SQLite's schema changed, or a table was paused, during the catch-up");
      }
      Apply.Batch b = apply.within(sqlite, pg, applied, Integer.MAX_VALUE);
      List<String> differing = apply.differing(sqlite, pg, applied, b.applied());
      if (!differing.isEmpty()) {
        throw abort(
            "the drained rows of "
                + String.join(", ", differing)
                + " hash differently in PostgreSQL; please report this with -v output");
      }
      List<Warning> unset =
          Sequences.moveAll(pg, run.schema(), plan.tables(), SqliteSequences.read(sqlite));
      unset.forEach(steps::warn);
      fks.addNotValid(pg);
      Fence.opening(pg, run.schema(), true); // a write retried here early waits for step 6
      state.cuttingOver(pg, b.applied(), b.changes(), lock.heldMs());
      pg.commit();
      return new Drained(b.applied(), b.changes());
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      apply.forget();
      lock.release();
      throw e;
    } finally {
      pg.setAutoCommit(true);
    }
  }

  /**
   * Step 4: SQLite's fence and the marker, then the commit that decides. A failure here leaves
   * PostgreSQL at 'cutting-over' with no marker in SQLite, which recovery undoes.
   */
  private Instant decide(Connection sqlite, List<CaptureKey> keys, long position, SqliteLock lock)
      throws SQLException {
    Instant at = Instant.now();
    try {
      SqliteFence.install(sqlite, keys, new SqliteFence.Marker(position, at));
    } catch (SQLException | RuntimeException e) {
      lock.release();
      throw e;
    }
    lock.commit();
    return at;
  }

  private MigrationException abort(String why) {
    return CutoverChecks.refused(List.of(why));
  }

  /**
   * The foreign keys sync leaves out, named as migrate names them (reads the server's features).
   */
  static CutoverForeignKeys foreignKeys(RunContext run, Plan plan) {
    return new CutoverForeignKeys(
        run.schema(),
        plan.tables(),
        new SqliteToPg(plan.tables(), ServerFeatures.read(run.target())));
  }

  private List<String> targets() {
    return plan.tables().stream().map(TablePlan::target).toList();
  }
}
