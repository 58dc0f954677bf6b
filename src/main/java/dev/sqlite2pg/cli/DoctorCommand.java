package dev.sqlite2pg.cli;

import dev.sqlite2pg.Doctor;
import dev.sqlite2pg.DoctorReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sqlite2pg doctor [TARGET]}: is this PostgreSQL ready for a migration, check by check. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks whether a PostgreSQL server is ready for a migration, one line per check:"
          + " DNS, TCP, TLS and sslmode, authentication, server version, CREATE, sqlite2pg's state"
          + " schema, free disk against 3x the source, connection slots against --jobs, timeouts"
          + " that would end a long COPY, a transaction pool in the way, maintenance_work_mem,"
          + " and with --sync what sync needs.",
      "Each says PASS, WARN or FAIL and what to do; a check that depends on one that failed"
          + " says SKIP. Writes nothing: what it tries is rolled back."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing FAILed (WARNs are allowed)",
      "2:bad arguments",
      "4:source (SQLite) error",
      "5:the embedded PostgreSQL could not start",
      "11:at least one check FAILed"
    })
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TARGET",
      description =
          "As for migrate; default: $DATABASE_URL, PG* variables, or the embedded"
              + " PostgreSQL in --data-dir.")
  String target;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--source",
      paramLabel = "SOURCE.db",
      description =
          "The SQLite file to be migrated: free disk is checked against 3x its size, the"
              + " version against its json_valid() CHECKs.")
  Path source;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description =
          "The --jobs of the migration: it opens up to 2N+1 connections (default: the"
              + " number of cores).")
  Integer jobs;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      defaultValue = "public",
      description = "The schema the migration loads into (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(
      names = "--sync",
      description =
          "Also check what sync needs: TRIGGER on the tables, sqlite2pg's sync state, and what"
              + " logical decoding would need.")
  boolean sync;

  @Option(names = "--json", description = "Print the result as JSON instead of text.")
  boolean json;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    output.configure();
    PrintWriter out = spec.commandLine().getOut();
    try (ConnectionOptions.Resolved t =
        connection.resolve(target, source, spec.commandLine().getErr())) {
      Doctor.Builder doctor =
          Doctor.configure()
              .target(t.connector())
              .embedded(t.server() != null)
              .source(source)
              .schema(schema)
              .sync(sync);
      if (jobs != null) {
        doctor.jobs(jobs);
      }
      DoctorReport report = doctor.build().examine();
      int exit = report.ready() ? ExitCodes.OK : ExitCodes.DOCTOR_FAILED;
      out.print(json ? DoctorPrinter.json(report, exit) : DoctorPrinter.text(report, exit));
      out.flush();
      return exit;
    }
  }
}
