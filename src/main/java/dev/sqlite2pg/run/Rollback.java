package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.RollbackOptions;
import dev.sqlite2pg.RollbackResult;
import dev.sqlite2pg.pg.ddl.CutoverForeignKeys;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.ReverseApply;
import dev.sqlite2pg.sync.SqliteFence;
import dev.sqlite2pg.sync.SyncState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sqlite2pg rollback} (design 3.8): the application's writes back from PostgreSQL to SQLite
 * with every write made on PostgreSQL, the mirror of {@link Cutover}. PostgreSQL's commit decides:
 *
 * <ol>
 *   <li>PgBouncer paused ({@code --pgbouncer}); PostgreSQL's tables locked in one statement (the
 *       application's writes wait, bounded by {@code --lock-timeout});
 *   <li>every change PostgreSQL captured since the cut-over written into SQLite through its fence,
 *       in one SQLite transaction, committed: SQLite equals PostgreSQL, still fenced;
 *   <li>in the locked PostgreSQL transaction: its fence up, the consumed changes deleted, the
 *       foreign keys cut-over added dropped (SQLite's writers may create orphans again, and forward
 *       apply must not stall on them), phase 'rolling-back'; committed: the decision;
 *   <li>SQLite's fence lifted; phase 'sync': forward sync follows again, for a second cut-over;
 *   <li>PgBouncer resumed, {@code --on-rollback} run.
 * </ol>
 *
 * A crash before step 3's commit leaves the application on PostgreSQL (SQLite got equal rows and
 * stays fenced: run rollback again); after it both sides refuse writes until {@code rollback
 * --resume} (or {@code sync run}) lifts SQLite's fence. Never both writable.
 */
public final class Rollback {

  private final RunContext run;
  private final Plan plan;
  private final RollbackOptions options;
  private final CutoverSteps steps = new CutoverSteps("rollback");
  private final SyncState state;

  private Rollback(RunContext run, Plan plan, RollbackOptions options) {
    this.run = run;
    this.plan = plan;
    this.options = options;
    this.state = new SyncState(run.schema());
  }

  /** Rolls back, or with {@code --resume} finishes a rollback that stopped after its decision. */
  public static RollbackResult run(RunContext run, Plan plan, RollbackOptions options) {
    Rollback r = new Rollback(run, plan, options);
    return BothSides.locked(run, "Rolling back", r::dispatch);
  }

  /**
   * For {@code sync run}: a rollback decided but not finished is finished (SQLite's fence lifted);
   * its {@code --on-rollback} is not run, which a warning says.
   */
  public static void settle(RunContext run, Plan plan, Connection sqlite, Connection pg)
      throws SQLException {
    Rollback r = new Rollback(run, plan, RollbackOptions.defaults());
    if (r.phase(pg).equals("rolling-back")) {
      try (Bouncer none = Bouncer.of(Optional.<String>empty())) {
        r.finish(sqlite, pg, none, 0, 0);
      }
      org.slf4j.LoggerFactory.getLogger(Rollback.class)
          .warn(
              "sync: finished the rollback that stopped after PostgreSQL committed it; its"
                  + " --on-rollback did not run: tell the application to write to SQLite");
    }
  }

  private RollbackResult dispatch(Connection sqlite, Connection pg) throws SQLException {
    String phase = phase(pg);
    if (phase.equals("rolling-back")) {
      if (!options.resume()) {
        throw CutoverChecks.refused(
            "rollback",
            List.of(
                "a rollback stopped after PostgreSQL committed it: run sqlite2pg rollback --resume,"
                    + " which lifts SQLite's fence"));
      }
      try (Bouncer bouncer = Bouncer.of(options.pgbouncer())) {
        return finish(sqlite, pg, bouncer, 0, 0);
      }
    }
    if (options.resume()) {
      return new RollbackResult(
          RollbackResult.Outcome.NOTHING_TO_RESUME,
          "no rollback to resume",
          0,
          Optional.empty(),
          0,
          steps.all(),
          steps.warnings());
    }
    if (!phase.equals("cut-over")) {
      throw CutoverChecks.refused(
          "rollback",
          List.of(
              phase.equals("cutting-over")
                  ? "a cut-over stopped part way: run sqlite2pg cutover --resume first"
                  : "schema "
                      + run.schema()
                      + " was not cut over: the application writes to SQLite"));
    }
    return rollBack(sqlite, pg);
  }

  private String phase(Connection pg) throws SQLException {
    if (state.applied(pg).isEmpty()) {
      throw new MigrationException(
          MigrationException.Code.TARGET,
          "no sync into schema " + run.schema() + ": nothing to roll back");
    }
    return state.progress(pg).map(SyncState.Progress::phase).orElse("sync");
  }

  private RollbackResult rollBack(Connection sqlite, Connection pg) throws SQLException {
    ReverseApply reverse = new ReverseApply(run.schema(), plan.tables(), sqlite);
    CutoverForeignKeys fks = Cutover.foreignKeys(run, plan);
    try (Bouncer bouncer = Bouncer.of(options.pgbouncer())) {
      if (bouncer.present()) {
        bouncer.pause(options.lockTimeout());
        steps.done("paused", "PgBouncer paused " + bouncer.database());
      }
      PgTablesLock lock;
      ReverseApply.Applied applied;
      try {
        lock = PgTablesLock.take(pg, run.schema(), targets(), options.lockTimeout());
        steps.done("locked", "PostgreSQL's tables locked: the application's writes wait");
        applied = intoSqlite(sqlite, pg, reverse);
        steps.done(
            "applied",
            applied.changes() + " changes written into SQLite, committed; SQLite still fenced");
        Fence.active(pg, run.schema(), true);
        reverse.consumed(pg, applied);
        fks.drop(pg);
        state.rollingBack(pg);
        pg.commit();
        steps.done("decided", "PostgreSQL fenced and committed: rolled back");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(pg);
        bouncer.resume();
        throw e;
      } finally {
        pg.setAutoCommit(true);
      }
      return finish(sqlite, pg, bouncer, applied.changes(), lock.heldMs());
    }
  }

  /** Step 2: PostgreSQL's changes into SQLite, through its fence, in one write transaction. */
  private ReverseApply.Applied intoSqlite(Connection sqlite, Connection pg, ReverseApply reverse)
      throws SQLException {
    SqliteLock lock = SqliteLock.take(sqlite, options.lockTimeout(), "rollback");
    try {
      SqliteFence.pass(sqlite, true);
      ReverseApply.Applied applied = reverse.within(pg, sqlite);
      SqliteFence.pass(sqlite, false);
      lock.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  /** Steps 4 and 5: SQLite's fence lifted, sync's phase back, the application told. */
  private RollbackResult finish(
      Connection sqlite, Connection pg, Bouncer bouncer, long changes, double lockMs)
      throws SQLException {
    SqliteLock lock = SqliteLock.take(sqlite, options.lockTimeout(), "rollback");
    try {
      SqliteFence.lift(sqlite);
      lock.commit();
    } catch (SQLException | RuntimeException e) {
      lock.release();
      throw e;
    }
    steps.done("unfenced", "SQLite unfenced: it takes the application's writes");
    Instant at = Instant.now();
    state.rolledBack(pg);
    boolean told = true;
    if (bouncer.present()) {
      Optional<String> failed = bouncer.resume();
      failed.ifPresent(steps::warn);
      told = failed.isEmpty();
      steps.done("resumed", "PgBouncer resumed " + bouncer.database());
    }
    if (options.onRollback().isPresent()) {
      Optional<String> failed =
          CutoverHook.run(
              "--on-rollback",
              options.onRollback().get(),
              Map.of("SQLITE2PG_ROLLBACK_AT", at.toString()));
      failed.ifPresent(steps::warn);
      told &= failed.isEmpty();
      steps.done("told", "--on-rollback ran" + (failed.isEmpty() ? "" : " and failed"));
    }
    return new RollbackResult(
        told ? RollbackResult.Outcome.ROLLED_BACK : RollbackResult.Outcome.ROLLED_BACK_HOOK_FAILED,
        "rolled back: SQLite takes the application's writes, with every write made on PostgreSQL;"
            + " PostgreSQL refuses them; sync run follows again",
        changes,
        Optional.of(at),
        lockMs,
        steps.all(),
        steps.warnings());
  }

  private static void rollbackQuietly(Connection pg) {
    try {
      pg.rollback();
    } catch (SQLException ignored) {
      // The first failure is the one to report; the server ends the transaction with the session.
    }
  }

  private List<String> targets() {
    return plan.tables().stream().map(TablePlan::target).toList();
  }
}
