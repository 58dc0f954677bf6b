package dev.sqlite2pg.run;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.SyncStatus;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.pg.TargetWrites;
import dev.sqlite2pg.pg.ddl.CutoverForeignKeys;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.SqliteFence;
import dev.sqlite2pg.sync.SyncState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a cut-over stands, read from both sides, and the second half of the protocol (design 3.7,
 * crash recovery). SQLite's commit decides: PostgreSQL at 'cutting-over' with no marker in SQLite
 * is a cut-over that never happened, and is undone (the foreign keys it added dropped; PostgreSQL's
 * fence was never lifted, so nothing else wrote there); with the marker, it happened, and is
 * finished from PostgreSQL's unfencing on.
 */
final class CutoverRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(CutoverRecovery.class);

  private final String schema;
  private final java.util.function.Supplier<CutoverForeignKeys> keys;
  private CutoverForeignKeys fks;
  private final CutoverOptions options;
  private final CutoverSteps steps;
  private final SyncState state;

  CutoverRecovery(
      String schema,
      java.util.function.Supplier<CutoverForeignKeys> keys,
      CutoverOptions options,
      CutoverSteps steps) {
    this.schema = schema;
    this.keys = keys;
    this.options = options;
    this.steps = steps;
    this.state = new SyncState(schema);
  }

  /**
   * The foreign keys, built when first needed: building them reads the server's features, which
   * sync run's check on every start (nothing to recover, most times) does not need.
   */
  CutoverForeignKeys fks() {
    if (fks == null) {
      fks = keys.get();
    }
    return fks;
  }

  /** Where a cut-over stands: none, started (no decision known here), or decided. */
  record Found(String phase, Optional<SqliteFence.Marker> marker, Optional<SyncStatus.Cutover> at) {
    boolean none() {
      return phase.equals("sync") && marker.isEmpty();
    }
  }

  Found find(Connection sqlite, Connection pg) throws SQLException {
    Optional<SyncState.Progress> p =
        state.applied(pg).isPresent() ? state.progress(pg) : Optional.empty();
    return new Found(
        p.map(SyncState.Progress::phase).orElse("sync"),
        SqliteFence.marker(sqlite),
        p.flatMap(SyncState.Progress::cutover));
  }

  /**
   * A cut-over either database records, dealt with: finished or undone with {@code resume}, refused
   * without it; already done, said so. Empty when there is none and a cut-over may start.
   */
  Optional<CutoverResult> pending(Connection sqlite, Connection pg, boolean resume)
      throws SQLException {
    Found f = find(sqlite, pg);
    if (f.none()) {
      return resume
          ? Optional.of(result(CutoverResult.Outcome.NOTHING_TO_RESUME, "no cut-over to resume", f))
          : Optional.empty();
    }
    if (f.phase().equals("sync")) {
      throw new MigrationException(
          MigrationException.Code.TARGET,
          "SQLite was cut over at "
              + f.marker().get().at()
              + " (change "
              + f.marker().get().changeId()
              + ") but PostgreSQL's schema "
              + schema
              + " records no cut-over (was sync stop or a restore run on it?): both sides refuse"
              + " writes; check which holds the application's data before lifting a fence");
    }
    if (f.phase().equals("cut-over")) {
      return Optional.of(validateIfUnfinished(pg, f));
    }
    if (!resume) {
      throw CutoverChecks.refused(
          List.of(
              "a cut-over stopped part way (PostgreSQL says cutting-over): run sqlite2pg cutover"
                  + " --resume, which finishes it if SQLite committed it and undoes it if not"));
    }
    return Optional.of(f.marker().isPresent() ? finishDecided(pg, f) : undo(pg, f));
  }

  /** Before SQLite's decision: PostgreSQL back to sync, as if the cut-over had not started. */
  CutoverResult undo(Connection pg, Found f) throws SQLException {
    TargetWrites.inTransaction(
        pg,
        s -> {
          fks().drop(pg);
          Fence.opening(pg, schema, false);
          state.undone(pg);
        });
    steps.done("undone", "undone: SQLite never committed the cut-over; it takes the writes");
    LOG.warn(
        "cutover: the cut-over had not committed in SQLite: undone; the application writes to"
            + " SQLite as before and sync run continues; run sqlite2pg cutover again");
    return result(CutoverResult.Outcome.UNDONE, "cut-over undone: SQLite takes the writes", f);
  }

  private CutoverResult finishDecided(Connection pg, Found f) throws SQLException {
    SqliteFence.Marker m = f.marker().get();
    double lockMs = f.at().map(SyncStatus.Cutover::lockMs).orElse(0.0);
    unfence(pg, m.at(), lockMs);
    steps.done("unfenced", "PostgreSQL unfenced: it takes the application's writes");
    try (Bouncer bouncer = Bouncer.of(options)) {
      long drained = f.at().map(SyncStatus.Cutover::drained).orElse(0L);
      return finish(pg, m.at(), m.changeId(), drained, lockMs, bouncer);
    }
  }

  /** Step 5: PostgreSQL's fence lifted and the phase recorded, in one transaction. */
  void unfence(Connection pg, Instant at, double lockMs) throws SQLException {
    TargetWrites.inTransaction(
        pg,
        s -> {
          Fence.active(pg, schema, false);
          state.cutOver(pg, at, lockMs);
        });
  }

  /** Steps 6 and 7: the application told, then the foreign keys validated. */
  CutoverResult finish(
      Connection pg, Instant at, long position, long drained, double lockMs, Bouncer bouncer)
      throws SQLException {
    boolean told = true;
    if (bouncer.present()) {
      Optional<String> failed = bouncer.resume();
      failed.ifPresent(steps::warn);
      told = failed.isEmpty();
      steps.done("resumed", "PgBouncer resumed " + bouncer.database() + (told ? "" : ": failed"));
    }
    if (options.onCutover().isPresent()) {
      Optional<String> failed = CutoverHook.run(options.onCutover().get(), at, position);
      failed.ifPresent(steps::warn);
      told &= failed.isEmpty();
      steps.done("told", "--on-cutover ran" + (failed.isEmpty() ? "" : " and failed"));
    }
    validate(pg);
    return new CutoverResult(
        told ? CutoverResult.Outcome.CUT_OVER : CutoverResult.Outcome.CUT_OVER_HOOK_FAILED,
        "cut over at " + at + ": PostgreSQL takes the application's writes; SQLite refuses them",
        position,
        drained,
        Optional.of(at),
        lockMs,
        steps.all(),
        steps.warnings());
  }

  private CutoverResult validateIfUnfinished(Connection pg, Found f) throws SQLException {
    Optional<String> fk = f.at().flatMap(SyncStatus.Cutover::foreignKeys);
    if (fk.isEmpty() || fk.get().equals("validating")) {
      validate(pg);
    }
    SyncStatus.Cutover c = f.at().orElseThrow();
    return new CutoverResult(
        CutoverResult.Outcome.CUT_OVER,
        "already cut over at " + c.at().map(Instant::toString).orElse("?") + "; nothing to do",
        c.changeId(),
        c.drained(),
        c.at(),
        c.lockMs(),
        steps.all(),
        steps.warnings());
  }

  /** The foreign keys added NOT VALID, validated; violations reported as migrate reports them. */
  private void validate(Connection pg) throws SQLException {
    CutoverForeignKeys fks = fks();
    if (fks.count() == 0) {
      state.foreignKeys(pg, "none");
      return;
    }
    state.foreignKeys(pg, "validating");
    List<Warning> violated = fks.validate(pg);
    violated.forEach(steps::warn);
    state.foreignKeys(
        pg,
        violated.isEmpty()
            ? "valid"
            : violated.size() + " of " + fks.count() + " NOT VALID: existing rows violate them");
    steps.done(
        "validated",
        fks.count() - violated.size() + " of " + fks.count() + " foreign keys validated");
  }

  private CutoverResult result(CutoverResult.Outcome outcome, String message, Found f) {
    return new CutoverResult(
        outcome,
        message,
        f.marker().map(SqliteFence.Marker::changeId).orElse(0L),
        0,
        f.marker().map(SqliteFence.Marker::at),
        0,
        steps.all(),
        steps.warnings());
  }
}
