package dev.sqlite2pg.cli;

import dev.sqlite2pg.Cancellation;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.SyncStatus;
import dev.sqlite2pg.VerifyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sqlite2pg sync start|run|stop SOURCE [TARGET]}: keeps PostgreSQL following a SQLite
 * database the application keeps writing (issue 12, the forward half so far: no cut-over yet).
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps PostgreSQL following a SQLite database the application keeps writing: change"
          + " capture in the SQLite file (a changelog table and triggers, removed by sync stop),"
          + " a copy, then every change applied within a moment. The application keeps writing to"
          + " SQLite; PostgreSQL refuses its writes until cut-over."
    },
    subcommands = {
      SyncCommand.Start.class,
      SyncCommand.Run.class,
      SyncCommand.Status.class,
      SyncCommand.Verify.class,
      SyncCommand.Stop.class
    })
final class SyncCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Bare {@code sqlite2pg sync}: no subcommand given. */
  @Override
  public Integer call() {
    return UsageErrors.missingCommand(spec);
  }

  /** What the three subcommands share: the source, the target and how to reach it. */
  abstract static class Base implements Callable<Integer> {
    /** Where the copy's rejected rows go, as migrate's default. */
    static final Path REJECTS = Path.of("sqlite2pg-rejects");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The SQLite database file.")
    Path source;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "TARGET",
        description = "As for migrate; default: $DATABASE_URL, PG* variables, or --data-dir.")
    String target;

    @Mixin ConnectionOptions connection;
    @Mixin SelectionOptions selection;
    @Mixin OutputOptions output;

    /** Stops sync start's copy on Ctrl-C or SIGTERM (following has its own stop). */
    final Cancellation stop = new Cancellation();

    @Override
    public Integer call() {
      output.configure();
      if (selection.dataOnly) {
        throw new MigrationException(
            MigrationException.Code.BAD_ARGUMENTS,
            "sync creates its own tables and does not load into existing ones yet: leave out"
                + " --data-only");
      }
      try (ConnectionOptions.Resolved t =
          connection.resolve(target, source, spec.commandLine().getErr())) {
        return run(
            selection
                .apply(Migrator.configure().source(source).target(t.connector()))
                .rejectDir(REJECTS)
                .cancellation(stop)
                .build());
      }
    }

    abstract int run(Migrator m);

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    /** Applies changes until SIGINT or SIGTERM, which end the current batch and stop cleanly. */
    int follow(Migrator m, ServeOptions serve) {
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch done = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                stop.set(true);
                try {
                  done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "sqlite2pg-sync-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      out()
          .printf(
              Locale.ROOT,
              "sync: applying the changes made to %s; Ctrl-C stops (sync run continues, sync stop"
                  + " removes the capture)%n",
              source);
      out().flush();
      try {
        long applied = m.syncRun(stop::get, serve.serve());
        out().printf(Locale.ROOT, "sync: stopped; changes applied up to %d%n", applied);
        out().flush();
        return ExitCodes.OK;
      } finally {
        done.countDown();
      }
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Installs change capture in SOURCE (the one change sqlite2pg makes to it), copies the"
              + " database as migrate does but without foreign keys (cut-over adds them), fences"
              + " PostgreSQL's tables, then applies changes until Ctrl-C.")
  static final class Start extends Base {
    @Mixin ServeOptions serve;

    @Override
    int run(Migrator m) {
      MigrationResult[] copied = new MigrationResult[1];
      int code =
          Interrupts.during(
              stop,
              spec,
              false,
              () -> {
                copied[0] = m.syncStart();
                return 0;
              });
      if (copied[0] == null) {
        return code; // interrupted: the line is printed
      }
      MigrationResult r = copied[0];
      out().print(TextReport.render(r, REJECTS));
      out().flush();
      return r.exitCode() == 0 ? follow(m, serve) : r.exitCode();
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Continues applying changes after a stop or a crash, from the last applied.")
  static final class Run extends Base {
    @Mixin ServeOptions serve;

    @Override
    int run(Migrator m) {
      return follow(m, serve);
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Proves PostgreSQL equal to SQLite at one recorded change: a snapshot of SOURCE, the"
              + " changes up to its last applied from that snapshot, then every row compared. The"
              + " application keeps writing; stop sync run first (sync run afterwards catches up)."
              + " Exits 0 when equal, 6 when not; the result is recorded for cut-over.")
  static final class Verify extends Base {
    @Override
    int run(Migrator m) {
      VerifyResult r = m.syncVerify();
      out().print(VerifyReport.render(r, true));
      out().flush();
      return r.exitCode();
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Where sync stands: phase, lag, pending changes, applied against captured change id,"
              + " per-table counts and paused tables. Reads both databases, writes neither. Exits"
              + " 0 when following, no table is paused and the lag is within --max-lag; 8"
              + " otherwise.")
  static final class Status extends Base {
    @Option(names = "--json", description = "Print the status as JSON (a stable interface).")
    boolean json;

    @Mixin MaxLagOption lag;

    @Override
    int run(Migrator m) {
      Duration maxLag = lag.maxLag;
      SyncStatus s = m.syncStatus();
      out().print(json ? s.toJson(maxLag) : StatusText.render(s, maxLag, Instant.now()));
      out().flush();
      return s.exitCode(maxLag);
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Removes change capture from SOURCE (its schema is then as before sync start), and the"
              + " fence and sync's progress from PostgreSQL.")
  static final class Stop extends Base {
    @Override
    int run(Migrator m) {
      m.syncStop();
      out().printf(Locale.ROOT, "sync: stopped for good; %s has no trace of sync left%n", source);
      return ExitCodes.OK;
    }
  }
}
