package dev.sqlite2pg.run;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.pg.connect.PgBouncer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code --pgbouncer} around the switch (design 3.7 step 6, 3.9 point 5): the application's pool
 * paused just before SQLite's lock is taken, so that a writer switching early queues in PgBouncer
 * instead of meeting PostgreSQL's fence, and resumed once PostgreSQL takes the writes, or when the
 * cut-over gives up. A no-op when the option is not given.
 */
final class Bouncer implements AutoCloseable {

  private final Optional<PgBouncer> console;

  private Bouncer(Optional<PgBouncer> console) {
    this.console = console;
  }

  /** Connects to the console now, so that an unreachable PgBouncer stops the cut-over early. */
  static Bouncer of(CutoverOptions options) {
    return of(options.pgbouncer());
  }

  /** As {@link #of(CutoverOptions)}, for any command that takes {@code --pgbouncer}. */
  static Bouncer of(Optional<String> url) {
    return new Bouncer(
        url.map(
            u -> PgBouncer.connect(u, System.getenv(), Path.of(System.getProperty("user.home")))));
  }

  boolean present() {
    return console.isPresent();
  }

  String database() {
    return console.map(PgBouncer::database).orElse("");
  }

  /** PAUSE, waiting at most {@code wait} for the pool's open transactions. */
  void pause(Duration wait) {
    console.ifPresent(b -> b.pause(wait));
  }

  /** RESUME; why it failed, if it did (the cut-over stands: the operator resumes by hand). */
  Optional<String> resume() {
    try {
      console.ifPresent(PgBouncer::resume);
      return Optional.empty();
    } catch (MigrationException e) {
      return Optional.of(
          e.getMessage() + "; run RESUME " + database() + " on PgBouncer's console yourself");
    }
  }

  @Override
  public void close() {
    console.ifPresent(PgBouncer::close);
  }
}
