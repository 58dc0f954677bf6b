package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
    subcommands = {SyncCommand.Start.class, SyncCommand.Run.class, SyncCommand.Stop.class})
final class SyncCommand {

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
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      output.configure();
      try (ConnectionOptions.Resolved t =
          connection.resolve(target, source, spec.commandLine().getErr())) {
        return run(
            Migrator.configure().source(source).target(t.connector()).rejectDir(REJECTS).build());
      }
    }

    abstract int run(Migrator m);

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    /** Applies changes until SIGINT or SIGTERM, which end the current batch and stop cleanly. */
    int follow(Migrator m) {
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
        long applied = m.syncRun(stop::get);
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
    @Override
    int run(Migrator m) {
      MigrationResult r = m.syncStart();
      out().print(TextReport.render(r, REJECTS));
      out().flush();
      return r.exitCode() == 0 ? follow(m) : r.exitCode();
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Continues applying changes after a stop or a crash, from the last applied.")
  static final class Run extends Base {
    @Override
    int run(Migrator m) {
      return follow(m);
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
