package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.connect.Connections;
import dev.sqlite2pg.pg.connect.TargetConnectException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The server lets the role in. A refusal by pg_hba.conf (28000) and a wrong password (28P01) are
 * told apart; the password itself is never shown (the server does not repeat it, and URLs are
 * masked). The session it opens is the one later checks ask their questions in.
 */
final class LoginCheck implements DoctorCheck {

  /** SQLSTATEs whose advice pg.TargetErrors has; the rest keep pg.connect.Connections's words. */
  private static final Set<String> ADVISED = Set.of("28P01", "28000", "3D000", "53300", "57P03");

  @Override
  public String name() {
    return "authentication";
  }

  @Override
  public Stage needs() {
    return Stage.REACHABLE;
  }

  @Override
  public Stage establishes() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    Connection c;
    try {
      c = run.spec().isPresent() ? Connections.open(run.spec().get()) : run.target().open();
    } catch (TargetConnectException e) {
      return refused(e);
    } catch (MigrationException e) {
      return Check.fail(name(), e.getMessage(), "see the message");
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_user, current_database(),"
                    + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
      rs.next();
      run.loggedIn(c, rs.getString(1), rs.getString(2));
      run.timeouts(TimeoutsCheck.readAndLift(c));
      return Check.pass(
          name(),
          "logged in as "
              + rs.getString(1)
              + (rs.getBoolean(3) ? " (superuser)" : "")
              + " to database "
              + rs.getString(2));
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private Check refused(TargetConnectException e) {
    if (e.getCause() instanceof SQLException sql && ADVISED.contains(sql.getSQLState())) {
      return Check.fail(
          name(), TargetErrors.cause(sql), TargetErrors.advise(sql, TargetErrors.Session.UNKNOWN));
    }
    // Connections's message already joins the cause and the fix: "cannot connect to URL: ...; do".
    String message = e.getMessage();
    int fix = message.lastIndexOf("; ");
    return fix < 0
        ? Check.fail(name(), message, "see the message")
        : Check.fail(name(), message.substring(0, fix), message.substring(fix + 2));
  }
}
