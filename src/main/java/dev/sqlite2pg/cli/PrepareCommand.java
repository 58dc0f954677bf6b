package dev.sqlite2pg.cli;

import dev.sqlite2pg.Preparation;
import dev.sqlite2pg.PrepareOptions;
import dev.sqlite2pg.PrepareResult;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.Targets;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sqlite2pg prepare [TARGET] --database NAME --owner ROLE [--app-role ROLE] [--print]}: the
 * database and its roles, made so on the server or printed as a psql script.
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates the database, a migration role that owns it and its schema, and a least-privilege"
          + " application role (CONNECT, USAGE, DML on tables, USAGE/SELECT on sequences, and"
          + " default privileges for the tables the migration role creates later). Each step is"
          + " checked first: run twice, the second run changes nothing.",
      "Passwords of new roles come from SQLITE2PG_OWNER_PASSWORD and SQLITE2PG_APP_PASSWORD, or"
          + " a prompt; they are sent as SCRAM-SHA-256 verifiers computed here, never printed.",
      "Prints a PgBouncer configuration for the application at the end."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done (or already so)", "2:bad arguments", "5:target (PostgreSQL) error"})
final class PrepareCommand implements Callable<Integer> {

  static final String OWNER_PASSWORD = "SQLITE2PG_OWNER_PASSWORD";
  static final String APP_PASSWORD = "SQLITE2PG_APP_PASSWORD";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TARGET",
      description =
          "The server, connected to an existing database (e.g. postgres) as a role that may create"
              + " roles and databases; default: $DATABASE_URL, PG* variables, or the embedded"
              + " PostgreSQL in --data-dir.")
  String target;

  @Option(
      names = "--database",
      required = true,
      paramLabel = "NAME",
      description = "The database to create.")
  String database;

  @Option(
      names = "--owner",
      required = true,
      paramLabel = "ROLE",
      description = "The migration role: owns the database and the schema; migrate logs in as it.")
  String owner;

  @Option(
      names = "--app-role",
      paramLabel = "ROLE",
      description = "The application's role: reads and writes rows, creates nothing.")
  String appRole;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      defaultValue = "public",
      description = "The schema migrate loads into (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(
      names = "--print",
      description =
          "Print the steps as a psql script for a DBA instead (no connection, no passwords).")
  boolean print;

  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    output.configure();
    PrintWriter out = spec.commandLine().getOut();
    if (print) {
      List<String> warnings = new ArrayList<>();
      Optional<TargetConnector> named = Targets.resolve(target, warnings);
      out.print(Preparation.script(options(PrepareOptions.Passwords.NONE), named));
      out.flush();
      return ExitCodes.OK;
    }
    // No source here: the embedded server's maintenance database is named like this "file".
    try (ConnectionOptions.Resolved t =
        connection.resolve(target, Path.of("postgres"), spec.commandLine().getErr())) {
      PrepareResult r = Preparation.run(t.connector(), options(this::password));
      report(out, r);
      return ExitCodes.OK;
    }
  }

  private PrepareOptions options(PrepareOptions.Passwords passwords) {
    return new PrepareOptions(database, owner, Optional.ofNullable(appRole), schema, passwords);
  }

  /** From the environment, else a prompt when there is a terminal, else none. */
  private char[] password(String role) {
    String variable = role.equals(owner) ? OWNER_PASSWORD : APP_PASSWORD;
    String value = System.getenv(variable);
    if (value != null && !value.isEmpty()) {
      return value.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      return null;
    }
    char[] typed =
        console.readPassword(
            "Password for the new role %s (empty for none; or set %s): ", role, variable);
    return typed == null || typed.length == 0 ? null : typed;
  }

  private static void report(PrintWriter out, PrepareResult r) {
    out.println("sqlite2pg prepare: " + r.target());
    for (PrepareResult.Step s : r.steps()) {
      out.printf(
          Locale.ROOT,
          "  %-8s %s%s%n",
          s.changed() ? "done" : "already",
          s.what(),
          s.detail().isEmpty() ? "" : ": " + s.detail());
    }
    long already = r.steps().size() - r.changed();
    out.println(
        r.changed() == 0
            ? "OK: nothing to change; all " + r.steps().size() + " steps were already so."
            : "OK: " + r.changed() + " steps done, " + already + " already so.");
    out.println();
    out.print(r.pgbouncer());
    out.flush();
  }
}
