package dev.sqlite2pg.cli;

import dev.sqlite2pg.Cancellation;
import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sqlite2pg migrate SOURCE [TARGET]}: schema, copy, post-data, verify, report. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates the schema, copies every row with COPY, adds keys, indexes and"
          + " constraints, verifies every row on both sides, and prints the report.",
      "Without TARGET (and without DATABASE_URL, PGHOST or PGDATABASE) it starts an embedded"
          + " PostgreSQL."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every row of every table arrived and verified equal",
      "2:bad arguments",
      "3:not every row was copied (rejected rows, failed tables)",
      "4:source (SQLite) error",
      "5:target (PostgreSQL) error",
      "6:verification found differences",
      "70:internal error",
      "130:interrupted (Ctrl-C, SIGTERM): what was committed stays; the line printed says how to"
          + " continue with --resume"
    })
final class MigrateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** When the command started: the JSON report's started_at. */
  private final java.time.Instant started = java.time.Instant.now();

  @Mixin FleetArgs fleet;

  Path source;

  String target;

  @Mixin ConnectionOptions connection;
  @Mixin SelectionOptions selection;

  @Option(
      names = "--drop",
      description = "Replace target tables that already exist" + " (default: refuse, naming them).")
  boolean drop;

  @Option(
      names = "--if-exists",
      paramLabel = "fail|skip-existing|replace",
      converter = IfExistsConverter.class,
      description =
          "Target tables that already hold rows (a re-run): fail refuses before"
              + " writing anything, naming the keys the source also has (default); skip-existing"
              + " loads only the rows whose primary key is not there yet and leaves the others;"
              + " replace empties the tables the load writes into (TRUNCATE, in one transaction"
              + " before the copy; refused when that would cascade into other tables) and loads"
              + " every row.")
  dev.sqlite2pg.MigrateOptions.IfExists ifExists;

  /** The spelling of the runbooks this command replaces; answered with today's spelling. */
  @Option(names = "--skip-existing", hidden = true)
  boolean skipExisting;

  @Option(
      names = "--on-error",
      paramLabel = "skip|abort",
      defaultValue = "skip",
      description =
          "A row PostgreSQL refuses or that does not convert: skip leaves it out,"
              + " lists it and writes it to the reject file (default); abort rolls back its table."
              + " Either way the run exits 3.")
  dev.sqlite2pg.OnError onError;

  @Option(
      names = "--resume",
      description =
          "Continue the interrupted run on this target schema"
              + " (Ctrl-C, kill -9, a lost connection, a full disk): tables and chunks it committed are"
              + " kept, the others copied again. Refused when the source or the options changed.")
  boolean resume;

  @Mixin SnapshotOption snapshot;

  @Option(
      names = "--dry-run",
      description = "Print the plan (as sqlite2pg plan does) and" + " change nothing.")
  boolean dryRun;

  @Option(
      names = "--no-verify",
      negatable = false,
      description = "Skip STEP 6, the row-by-row verification.")
  boolean noVerify;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Also write the report as JSON (a stable interface for scripts).")
  Path report;

  @Option(
      names = "--reject-dir",
      paramLabel = "DIR",
      description =
          "Where to write rejected rows as JSON Lines (default: beside --report, else"
              + " ./sqlite2pg-rejects).")
  Path rejectDir;

  @Option(
      names = "--keep-running",
      description =
          "Keep the embedded PostgreSQL running after" + " the migration, for psql, until Ctrl-C.")
  boolean keepRunning;

  @Mixin OutputOptions output;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() throws Exception {
    output.configure();
    FleetArgs.Split split = fleet.split();
    source = split.sources().get(0);
    target = split.target();
    if (skipExisting) {
      throw new dev.sqlite2pg.MigrationException(
          dev.sqlite2pg.MigrationException.Code.BAD_ARGUMENTS,
          "--skip-existing is spelled"
              + " --if-exists=skip-existing: it loads only the rows whose primary key the"
              + " target's tables do not hold yet");
    }
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Cancellation stop = new Cancellation();
    try (Interrupts interrupts = Interrupts.install(stop, err);
        ConnectionOptions.Resolved t = connection.resolve(target, source, err);
        ProgressOption.Shown shown = progress.show(output.quiet || dryRun)) {
      try {
        return run(stop, t, split, interrupts, shown);
      } catch (dev.sqlite2pg.MigrationException e) {
        shown.stop(); // the status line erased before the line that says what was committed
        return interrupts.interrupted(e, spec, true);
      }
    }
  }

  private int run(
      Cancellation stop,
      ConnectionOptions.Resolved t,
      FleetArgs.Split split,
      Interrupts interrupts,
      ProgressOption.Shown shown)
      throws InterruptedException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Migrator m =
        selection
            .apply(Migrator.configure().source(source).target(t.connector()))
            .drop(drop)
            .ifExists(ifExists)
            .resume(resume)
            .snapshot(snapshot.snapshot)
            .onError(onError)
            .verify(!noVerify)
            .rejectDir(rejectDirectory())
            .cancellation(stop)
            .progress(shown.listener())
            .build();
    if (split.fleet(fleet)) {
      return fleet(m, split, out, shown);
    }
    if (dryRun) {
      PlanPrinter.print(out, m.plan(), selection.dataOnly);
      return 0;
    }
    MigrationResult result = m.migrate();
    shown.stop();
    out.print(TextReport.render(result, rejectDirectory()));
    out.flush();
    if (report != null) {
      JsonReport.write(result, report, started);
    }
    if (keepRunning && t.server() != null) {
      interrupts.close(); // Ctrl-C now stops the server, as it did before the run
      err.println(
          "sqlite2pg: embedded PostgreSQL is running at "
              + t.connector().display()
              + "; press Ctrl-C to stop it");
      new CountDownLatch(1).await();
    }
    return result.exitCode();
  }

  /** Several files: one report with a section per file, one JSON report, the worst exit code. */
  private int fleet(
      Migrator m, FleetArgs.Split split, java.io.PrintWriter out, ProgressOption.Shown shown) {
    if (dryRun) {
      throw new dev.sqlite2pg.MigrationException(
          dev.sqlite2pg.MigrationException.Code.BAD_ARGUMENTS,
          "--dry-run takes one file: run sqlite2pg plan on the file you want to see");
    }
    dev.sqlite2pg.FleetResult r =
        dev.sqlite2pg.Fleet.of(m, split.sources(), fleet.options()).migrate();
    shown.stop();
    out.print(FleetReport.render(r, rejectDirectory(), !noVerify));
    out.flush();
    if (report != null) {
      JsonReport.write(r, report, started);
    }
    return r.exitCode();
  }

  private Path rejectDirectory() {
    if (rejectDir != null) {
      return rejectDir;
    }
    Path dir = report == null ? null : report.toAbsolutePath().getParent();
    return dir == null ? Path.of("sqlite2pg-rejects") : dir.resolve("sqlite2pg-rejects");
  }

  static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }
}
