package dev.sqlite2pg.cli;

import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.RollbackOptions;
import dev.sqlite2pg.RollbackResult;
import dev.sqlite2pg.Warning;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sqlite2pg rollback SOURCE [TARGET]}: the application's writes back to SQLite with every
 * write made on PostgreSQL (issue 14; design 3.8).
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Moves the application's writes back from PostgreSQL to SQLite after a cut-over, with every"
          + " write made on PostgreSQL: locks PostgreSQL's tables (writes wait), writes what"
          + " PostgreSQL captured into SQLite, fences PostgreSQL (its writes then fail with a"
          + " sqlite2pg: message) and drops the foreign keys cut-over added, lifts SQLite's fence,"
          + " runs --on-rollback. sync run then follows again, for a second cut-over.",
      "Exits 0 when rolled back; 9 when refused (nothing changed: the application stays on"
          + " PostgreSQL); 10 when rolled back but --on-rollback failed."
    })
final class RollbackCommand extends SyncCommand.Base {

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "How long to wait for the locks on PostgreSQL's tables (the application's open write"
              + " transactions there); past it, nothing changes (default: ${DEFAULT-VALUE}).")
  Duration lockTimeout;

  @Option(
      names = "--on-rollback",
      paramLabel = "CMD",
      description =
          "A shell command run once SQLite takes the writes again, to tell the application;"
              + " SQLITE2PG_ROLLBACK_AT is set for it.")
  String onRollback;

  @Option(
      names = "--pgbouncer",
      paramLabel = "URL",
      description =
          "postgresql://ADMIN@HOST:PORT/DB of the PgBouncer the application goes through: DB is"
              + " paused before PostgreSQL's tables are locked and resumed at the end.")
  String pgbouncer;

  @Option(
      names = "--resume",
      description = "Finish a rollback that stopped after PostgreSQL committed it.")
  boolean resume;

  @Override
  int run(Migrator m) {
    RollbackResult r =
        m.rollback(
            new RollbackOptions(
                lockTimeout,
                Optional.ofNullable(onRollback),
                Optional.ofNullable(pgbouncer),
                resume));
    PrintWriter out = out();
    for (CutoverResult.Step s : r.steps()) {
      out.printf(Locale.ROOT, "  %8.1f ms  %s%n", s.ms(), s.name());
    }
    for (Warning w : r.warnings()) {
      out.printf(Locale.ROOT, "  warning: %s%n", w.describe());
    }
    out.printf(Locale.ROOT, "rollback: %s%n", r.message());
    if (r.outcome() != RollbackResult.Outcome.NOTHING_TO_RESUME) {
      out.printf(
          Locale.ROOT,
          "rollback: PostgreSQL's tables locked %.1f ms; %d changes brought back%n",
          r.lockMs(),
          r.changes());
    }
    out.flush();
    return r.exitCode();
  }
}
