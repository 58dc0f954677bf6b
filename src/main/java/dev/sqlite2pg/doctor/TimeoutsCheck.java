package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings that would end a long migration part way: statement_timeout cancels a COPY, an index
 * build or a verify that runs longer (FAIL), transaction_timeout a table's copy, which is one
 * transaction (FAIL); idle_in_transaction_session_timeout ends a copy whose transaction waits on a
 * slow SQLite read between batches, lock_timeout a post-data statement or a --data-only load that
 * waits for the application's locks (WARN). sqlite2pg sets none of them itself: its sessions get
 * what the role, the database and postgresql.conf give.
 */
final class TimeoutsCheck implements DoctorCheck {

  /** What each setting breaks, and whether that fails the check (else it warns). */
  private record Effect(String breaks, boolean fails) {}

  private static final Map<String, Effect> EFFECTS =
      Map.of(
          "statement_timeout",
          new Effect("cancels any COPY, index build or verify query that runs longer", true),
          "transaction_timeout",
          new Effect("ends any table's copy (one transaction) that runs longer", true),
          "idle_in_transaction_session_timeout",
          new Effect(
              "ends a copy whose transaction waits that long on SQLite between batches", false),
          "lock_timeout",
          new Effect(
              "makes post-data and --data-only loads give up on the application's locks", false));

  @Override
  public String name() {
    return "timeouts";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  /** One setting as the session got it: its value in ms, as SHOW prints it, and its source. */
  record Timeout(String name, long ms, String shown, String source) {}

  /**
   * The settings as the login gave them, then switched off for the doctor's own session, so that a
   * tiny statement_timeout does not cancel the checks that report it.
   */
  static List<Timeout> readAndLift(Connection c) throws SQLException {
    List<Timeout> timeouts = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(SqlResources.load("pg-doctor-timeouts"))) {
        while (rs.next()) {
          timeouts.add(
              new Timeout(
                  rs.getString("name"),
                  rs.getLong("ms"),
                  rs.getString("shown"),
                  rs.getString("source")));
        }
      }
      for (Timeout t : timeouts) {
        if (t.ms() > 0) {
          s.execute("SET " + t.name() + " = 0");
        }
      }
    }
    return timeouts;
  }

  @Override
  public Check run(DoctorRun run) {
    List<String> found = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    boolean fails = false;
    for (Timeout t : run.timeouts()) {
      if (t.ms() <= 0) {
        continue;
      }
      Effect effect = EFFECTS.get(t.name());
      fails |= effect.fails();
      found.add(
          t.name() + " = " + t.shown() + " (" + where(t.source(), run) + ") " + effect.breaks());
      fixes.add(fix(t.name(), t.source(), run));
    }
    if (found.isEmpty()) {
      return Check.pass(
          name(),
          "no statement_timeout, transaction_timeout, idle_in_transaction_session_timeout or"
              + " lock_timeout for "
              + run.user());
    }
    String detail = String.join("; ", found);
    String fix = String.join("; ", fixes);
    return fails ? Check.fail(name(), detail, fix) : Check.warn(name(), detail, fix);
  }

  private static String where(String source, DoctorRun run) {
    return switch (source) {
      case "user" -> "set on role " + run.user();
      case "database" -> "set on database " + run.database();
      case "database user" -> "set on role " + run.user() + " in database " + run.database();
      case "configuration file" -> "set in postgresql.conf";
      case "client" -> "set by the client: PGOPTIONS or options=";
      default -> "from " + source;
    };
  }

  /**
   * A setting for this role in this database overrides the role's, the database's and the file's
   * (PostgreSQL's order), and leaves the application's sessions as they are.
   */
  private static String fix(String name, String source, DoctorRun run) {
    if (source.equals("client")) {
      return "remove " + name + " from PGOPTIONS or the target's options=";
    }
    return "ALTER ROLE "
        + DoctorRun.shown(run.user())
        + " IN DATABASE "
        + DoctorRun.shown(run.database())
        + " SET "
        + name
        + " = 0";
  }
}
