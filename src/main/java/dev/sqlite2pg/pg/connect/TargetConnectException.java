package dev.sqlite2pg.pg.connect;

import java.util.Objects;

/**
 * The target PostgreSQL cannot be reached or used. The message is one line that names the cause and
 * what to do, with the target shown as {@link ConnectionSpec#displayUrl()} (never the password).
 * {@link #kind()} lets callers choose an exit code or a retry without parsing the message.
 */
public final class TargetConnectException extends Exception {

  /** Why the target could not be used. */
  public enum Kind {
    /** Nothing listens on host:port (server down, wrong port, firewall rejecting). */
    CONNECTION_REFUSED,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** No answer within the connect timeout. */
    TIMEOUT,
    /** Wrong or missing password, unknown role, or no pg_hba.conf entry (28P01, 28000). */
    AUTHENTICATION_FAILED,
    /** The database named in the target does not exist (3D000). */
    DATABASE_DOES_NOT_EXIST,
    /** The server has no free connection slots (53300). */
    TOO_MANY_CONNECTIONS,
    /** The server is starting up, shutting down or recovering (57P03). */
    SERVER_NOT_READY,
    /** SSL was required by one side and unavailable or unverifiable on the other. */
    SSL,
    /** The embedded server's data directory is used by a server that is still running. */
    DATA_DIRECTORY_IN_USE,
    /** The embedded server could not be started. */
    EMBEDDED_SERVER_FAILED,
    /** Anything else; the message carries the driver's own words. */
    OTHER
  }

  private final Kind kind;

  public TargetConnectException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "No kind provided");
  }

  public Kind kind() {
    return kind;
  }
}
