package dev.sqlite2pg;

import java.util.Objects;

/**
 * The one exception the library throws. Its message is one line a person can act on: what went
 * wrong, where, and what to do. The code tells callers (and the CLI's exit code) which side failed.
 */
public final class MigrationException extends RuntimeException {

  /** What kind of failure; each maps to a documented exit code. */
  public enum Code {
    /** The command line or options are wrong. */
    BAD_ARGUMENTS(2),
    /** The SQLite side: missing, unreadable, corrupt, locked. */
    SOURCE(4),
    /** The PostgreSQL side: connection, permissions, DDL, COPY. */
    TARGET(5),
    /** The run finished but not every row arrived (rejected rows, failed tables). */
    INCOMPLETE(3),
    /** Verification found differences. */
    DIFFERENT(6),
    /**
     * The target's schema does not fit the source (--data-only, --if-exists): a table, column or
     * migration the source has is missing there, or a type cannot hold the source's values. Nothing
     * was written.
     */
    SCHEMA(7),
    /**
     * Cut-over refused, nothing changed: a precondition failed (lag, verify, a paused table, the
     * fences), or the application held SQLite's write lock longer than --lock-timeout.
     */
    NOT_READY(9),
    /** Cut over, but --on-cutover failed or PgBouncer did not resume: tell the application. */
    HOOK_FAILED(10),
    /**
     * Stopped by {@link Cancellation#cancel()} (the CLI: Ctrl-C or SIGTERM): what was committed
     * stays, with its progress record, and --resume continues. 130 as for a shell's SIGINT.
     */
    INTERRUPTED(130);

    private final int exitCode;

    Code(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Code code;

  public MigrationException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public MigrationException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code);
  }

  public Code code() {
    return code;
  }
}
