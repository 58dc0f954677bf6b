package dev.sqlite2pg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a cut-over did (design 3.7): each step with its time, how long SQLite's write lock was held,
 * the changes drained under it, and what the foreign keys' validation found.
 *
 * @param outcome what happened, in one line
 * @param changeId the last change SQLite took (everything up to it is in PostgreSQL)
 * @param at when SQLite's commit decided the cut-over, when it did
 * @param lockMs how long sqlite2pg held SQLite's write lock
 * @param steps each step and its time, in order
 * @param warnings foreign keys that existing rows violate, a hook that failed
 */
public record CutoverResult(
    Outcome outcome,
    String message,
    long changeId,
    long drained,
    Optional<Instant> at,
    double lockMs,
    List<Step> steps,
    List<Warning> warnings) {

  /** One step of the protocol and how long it took. */
  public record Step(String name, double ms) {}

  /** How it ended. */
  public enum Outcome {
    /** PostgreSQL takes the application's writes; SQLite refuses them. */
    CUT_OVER,
    /** Cut over, but telling the application (--on-cutover, PgBouncer) failed. */
    CUT_OVER_HOOK_FAILED,
    /** A cut-over SQLite had not committed was undone: the application stays on SQLite. */
    UNDONE,
    /** Nothing to resume. */
    NOTHING_TO_RESUME
  }

  public int exitCode() {
    return switch (outcome) {
      case CUT_OVER, NOTHING_TO_RESUME -> 0;
      case UNDONE -> MigrationException.Code.NOT_READY.exitCode(); // not cut over: stay on SQLite
      case CUT_OVER_HOOK_FAILED -> MigrationException.Code.HOOK_FAILED.exitCode();
    };
  }
}
