package dev.sqlite2pg.cli;

import dev.sqlite2pg.Cancellation;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.VerifyResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sqlite2pg verify SOURCE [TARGET]}: proves every row arrived, or names the ones that did
 * not.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares every row of every table on both sides: row counts, then a"
          + " fingerprint of every value computed inside PostgreSQL and while reading SQLite once;"
          + " when a table differs, finds the differing rows by splitting its key range.",
      "Works on a target loaded by sqlite2pg or by hand (tables and columns matched by name,"
          + " types read from the target)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every table is equal",
      "2:bad arguments",
      "4:source (SQLite) error",
      "5:target (PostgreSQL) error",
      "6:differences found",
      "130:interrupted (Ctrl-C, SIGTERM); verify changes nothing: run it again"
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** When the command started: the JSON report's started_at. */
  private final java.time.Instant started = java.time.Instant.now();

  @Mixin FleetArgs fleet;

  Path source;

  String target;

  @Mixin ConnectionOptions connection;
  @Mixin SelectionOptions selection;

  @Option(
      names = "--detailed",
      paramLabel = "N",
      arity = "0..1",
      fallbackValue = "20",
      description =
          "Print the first N differing rows of each table (default 20), both values"
              + " side by side with the columns that differ.")
  Integer detailed;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Also write the result as JSON.")
  Path report;

  @Mixin SnapshotOption snapshot;

  @Mixin OutputOptions output;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    output.configure();
    FleetArgs.Split split = fleet.split();
    source = split.sources().get(0);
    target = split.target();
    Cancellation stop = new Cancellation();
    return Interrupts.during(stop, spec, false, () -> run(stop, split));
  }

  private int run(Cancellation stop, FleetArgs.Split split) {
    try (ConnectionOptions.Resolved t =
            connection.resolve(target, source, spec.commandLine().getErr());
        ProgressOption.Shown shown = progress.show(output.quiet)) {
      Migrator m =
          selection
              .apply(Migrator.configure().source(source).target(t.connector()))
              .detailRows(detailed == null ? 20 : detailed)
              .snapshot(snapshot.snapshot)
              .progress(shown.listener())
              .cancellation(stop)
              .build();
      if (split.fleet(fleet)) {
        dev.sqlite2pg.FleetResult fr =
            dev.sqlite2pg.Fleet.of(m, split.sources(), fleet.options()).verify();
        shown.stop();
        spec.commandLine().getOut().print(FleetReport.render(fr, Path.of("."), true));
        spec.commandLine().getOut().flush();
        if (report != null) {
          JsonReport.write(fr, report, started);
        }
        return fr.exitCode();
      }
      VerifyResult r = m.verify();
      shown.stop();
      spec.commandLine().getOut().print(VerifyReport.render(r, detailed != null));
      spec.commandLine().getOut().flush();
      if (report != null) {
        JsonReport.write(r, report, started);
      }
      return r.exitCode();
    }
  }
}
