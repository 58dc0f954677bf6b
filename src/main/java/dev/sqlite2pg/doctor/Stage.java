package dev.sqlite2pg.doctor;

/**
 * How far the way to the server has been walked, in order: a check needs one of these, and the
 * check that establishes a stage blocks it, and every later stage, when it FAILs.
 */
enum Stage {
  /** Nothing needed. */
  NONE,
  /** The host names resolve. */
  RESOLVED,
  /** A TCP connection to host:port opens. */
  REACHABLE,
  /** The server lets the role in: a session to ask questions in. */
  LOGGED_IN
}
