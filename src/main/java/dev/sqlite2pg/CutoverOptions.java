package dev.sqlite2pg;

import java.time.Duration;
import java.util.Optional;

/**
 * How {@code sqlite2pg cutover} proceeds (design 3.7).
 *
 * @param maxLag the lag sync must keep to for {@code lagWindow} before SQLite's lock is taken
 * @param lagWindow how long the lag must have stayed within {@code maxLag} (10 s by default)
 * @param lockTimeout how long to wait for SQLite's write lock (the application's current write
 *     transaction); past it the cut-over gives up and changes nothing
 * @param verifyMaxAge how old the last equal {@code sync verify} may be
 * @param onCutover a shell command run once PostgreSQL takes the writes: what tells the application
 * @param pgbouncer a PgBouncer URL whose database is paused around the switch and resumed after it
 *     (its user must be an admin of the PgBouncer console)
 * @param resume finish or undo a cut-over that stopped part way, instead of starting one
 */
public record CutoverOptions(
    Duration maxLag,
    Duration lagWindow,
    Duration lockTimeout,
    Duration verifyMaxAge,
    Optional<String> onCutover,
    Optional<String> pgbouncer,
    boolean resume) {

  /** The defaults of the command line. */
  public static CutoverOptions defaults() {
    return new CutoverOptions(
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        Duration.ofHours(1),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  public CutoverOptions withResume(boolean resume) {
    return new CutoverOptions(
        maxLag, lagWindow, lockTimeout, verifyMaxAge, onCutover, pgbouncer, resume);
  }

  /** The lag limit and how long it must hold before the lock is taken. */
  public CutoverOptions withLag(Duration maxLag, Duration lagWindow) {
    return new CutoverOptions(
        maxLag, lagWindow, lockTimeout, verifyMaxAge, onCutover, pgbouncer, resume);
  }

  public CutoverOptions withLockTimeout(Duration lockTimeout) {
    return new CutoverOptions(
        maxLag, lagWindow, lockTimeout, verifyMaxAge, onCutover, pgbouncer, resume);
  }

  /** The command that tells the application, run once PostgreSQL takes the writes. */
  public CutoverOptions withOnCutover(String command) {
    return new CutoverOptions(
        maxLag, lagWindow, lockTimeout, verifyMaxAge, Optional.of(command), pgbouncer, resume);
  }
}
