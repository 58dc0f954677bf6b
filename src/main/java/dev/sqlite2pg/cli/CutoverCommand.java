package dev.sqlite2pg.cli;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.Warning;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sqlite2pg cutover SOURCE [TARGET]}: the application's writes moved from SQLite to
 * PostgreSQL with a pause of a moment, no write lost or split (issue 13; design 3.7).
 */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    description = {
      "Moves the application's writes from SQLite to PostgreSQL: checks that sync is caught up and"
          + " verified, takes SQLite's write lock, applies what is left in one PostgreSQL"
          + " transaction (with the sequences and foreign keys), fences SQLite (its writes then fail"
          + " with a sqlite2pg: message) in the same SQLite transaction, lifts PostgreSQL's fence,"
          + " runs --on-cutover, then validates the foreign keys. Stop sync run first: cutover"
          + " applies what remains itself.",
      "Exits 0 when cut over; 9 when refused or undone (nothing changed: the application stays on"
          + " SQLite); 10 when cut over but --on-cutover failed."
    })
final class CutoverCommand extends SyncCommand.Base {

  @Mixin MaxLagOption lag;

  @Option(
      names = "--lag-window",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "How long the lag must stay within --max-lag before SQLite's lock is taken (default:"
              + " ${DEFAULT-VALUE}).")
  Duration lagWindow;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "How long to wait for SQLite's write lock (the application's current write"
              + " transaction); past it, nothing changes (default: ${DEFAULT-VALUE}).")
  Duration lockTimeout;

  @Option(
      names = "--verify-max-age",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "How old the last equal sync verify may be (default: ${DEFAULT-VALUE}).")
  Duration verifyMaxAge;

  @Option(
      names = "--on-cutover",
      paramLabel = "CMD",
      description =
          "A shell command run once PostgreSQL takes the writes, to tell the application (touch a"
              + " flag file, call an admin endpoint); SQLITE2PG_CUTOVER_AT and"
              + " SQLITE2PG_CUTOVER_CHANGE are set for it.")
  String onCutover;

  @Option(
      names = "--pgbouncer",
      paramLabel = "URL",
      description =
          "postgresql://ADMIN@HOST:PORT/DB of the PgBouncer the application goes through: DB is"
              + " paused just before SQLite's lock is taken and resumed once PostgreSQL takes the"
              + " writes.")
  String pgbouncer;

  @Option(
      names = "--resume",
      description =
          "Finish a cut-over that stopped part way (killed, machine down) if SQLite committed it,"
              + " or undo it if not.")
  boolean resume;

  @Override
  int run(Migrator m) {
    CutoverResult r =
        m.cutover(
            new CutoverOptions(
                lag.maxLag,
                lagWindow,
                lockTimeout,
                verifyMaxAge,
                Optional.ofNullable(onCutover),
                Optional.ofNullable(pgbouncer),
                resume));
    print(r);
    return r.exitCode();
  }

  private void print(CutoverResult r) {
    PrintWriter out = out();
    for (CutoverResult.Step s : r.steps()) {
      out.printf(Locale.ROOT, "  %8.1f ms  %s%n", s.ms(), s.name());
    }
    for (Warning w : r.warnings()) {
      out.printf(Locale.ROOT, "  warning: %s%n", w.describe());
    }
    if (r.outcome() == CutoverResult.Outcome.CUT_OVER
        || r.outcome() == CutoverResult.Outcome.CUT_OVER_HOOK_FAILED) {
      out.printf(
          Locale.ROOT,
          "cutover: %s%ncutover: SQLite's write lock held %.1f ms; %d changes drained; up to"
              + " change %d%n",
          r.message(),
          r.lockMs(),
          r.drained(),
          r.changeId());
    } else {
      out.printf(Locale.ROOT, "cutover: %s%n", r.message());
    }
    out.flush();
  }
}
