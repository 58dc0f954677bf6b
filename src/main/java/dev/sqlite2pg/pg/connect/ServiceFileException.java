package dev.sqlite2pg.pg.connect;

/**
 * A target names a service (service=, PGSERVICE) that no service file defines, or whose file libpq
 * would refuse. Not a typo in the target's syntax but a missing or broken configuration, like a
 * server that cannot be reached: callers report it as a target error. The message is one line and
 * never holds a line of the file (it may hold a password).
 */
public final class ServiceFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  ServiceFileException(String message) {
    super(message);
  }
}
