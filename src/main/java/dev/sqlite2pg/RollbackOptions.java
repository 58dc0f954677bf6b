package dev.sqlite2pg;

import java.time.Duration;
import java.util.Optional;

/**
 * How {@code sqlite2pg rollback} proceeds (design 3.8).
 *
 * @param lockTimeout how long to wait for the locks on PostgreSQL's tables (the application's open
 *     write transactions there) and then SQLite's; past it the rollback gives up, changing nothing
 * @param onRollback a shell command run once SQLite takes the writes again
 * @param pgbouncer a PgBouncer URL whose database is paused for the switch, resumed after it
 * @param resume finish a rollback that stopped part way instead of starting one
 */
public record RollbackOptions(
    Duration lockTimeout, Optional<String> onRollback, Optional<String> pgbouncer, boolean resume) {

  public static RollbackOptions defaults() {
    return new RollbackOptions(Duration.ofSeconds(2), Optional.empty(), Optional.empty(), false);
  }

  public RollbackOptions withResume(boolean resume) {
    return new RollbackOptions(lockTimeout, onRollback, pgbouncer, resume);
  }

  public RollbackOptions withOnRollback(String command) {
    return new RollbackOptions(lockTimeout, Optional.of(command), pgbouncer, resume);
  }

  public RollbackOptions withLockTimeout(Duration lockTimeout) {
    return new RollbackOptions(lockTimeout, onRollback, pgbouncer, resume);
  }
}
