package dev.sqlite2pg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a rollback did (design 3.8): each step with its time, how long the application's writes were
 * held (PostgreSQL's tables locked), and the changes brought back into SQLite under the lock.
 *
 * @param at when PostgreSQL's commit decided the rollback, when it did
 * @param lockMs how long PostgreSQL's tables were locked
 */
public record RollbackResult(
    Outcome outcome,
    String message,
    long changes,
    Optional<Instant> at,
    double lockMs,
    List<CutoverResult.Step> steps,
    List<Warning> warnings) {

  /** How it ended. */
  public enum Outcome {
    /** SQLite takes the application's writes again, with every write made on PostgreSQL. */
    ROLLED_BACK,
    /** Rolled back, but telling the application (--on-rollback, PgBouncer) failed. */
    ROLLED_BACK_HOOK_FAILED,
    /** Nothing to resume. */
    NOTHING_TO_RESUME
  }

  public int exitCode() {
    return switch (outcome) {
      case ROLLED_BACK, NOTHING_TO_RESUME -> 0;
      case ROLLED_BACK_HOOK_FAILED -> MigrationException.Code.HOOK_FAILED.exitCode();
    };
  }
}
