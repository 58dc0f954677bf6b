package dev.sqlite2pg.prepare;

import dev.sqlite2pg.PrepareOptions;
import dev.sqlite2pg.PrepareResult;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.TargetErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the steps on a server: each one's check first, its statement only when the check says it is
 * not so yet. Every statement commits on its own (CREATE DATABASE cannot run in a transaction), so
 * a run that fails half-way is finished by running it again.
 */
public final class Preparer {

  private final PrepareOptions options;
  private final TargetConnector admin;
  private final TargetConnector database;

  /**
   * @param admin a connection to any existing database of the server, as a role that may create
   *     roles and databases
   * @param database the same server and role, connected to {@code options.database()}
   */
  public Preparer(PrepareOptions options, TargetConnector admin, TargetConnector database) {
    this.options = options;
    this.admin = admin;
    this.database = database;
  }

  public List<PrepareResult.Step> run() {
    List<Step> steps = Steps.of(options);
    List<PrepareResult.Step> done = new ArrayList<>();
    run(admin, steps.stream().filter(s -> !s.inDatabase()).toList(), done);
    run(database, steps.stream().filter(Step::inDatabase).toList(), done);
    return done;
  }

  private void run(TargetConnector target, List<Step> steps, List<PrepareResult.Step> done) {
    try (Connection c = target.open()) {
      c.setAutoCommit(true);
      for (Step step : steps) {
        done.add(apply(c, step, target));
      }
    } catch (SQLException e) {
      throw TargetErrors.translate("prepare: connecting to " + target.display(), e, target);
    }
  }

  private PrepareResult.Step apply(Connection c, Step step, TargetConnector target) {
    try {
      if (isSo(c, step)) {
        return new PrepareResult.Step(step.what(), false, "");
      }
      String detail = "";
      String sql = step.action();
      if (step.login().isPresent()) {
        char[] password = options.passwords().forRole(step.login().get());
        if (password == null || password.length == 0) {
          detail = "no password: it logs in only where pg_hba.conf trusts it";
        } else {
          sql += ScramPassword.clause(password);
          detail = "password set as a SCRAM-SHA-256 verifier computed here";
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      return new PrepareResult.Step(step.what(), true, detail);
    } catch (SQLException e) {
      // The server's message never echoes the statement, so a password verifier stays out of it.
      throw TargetErrors.translate("prepare: " + step.what(), e, target);
    }
  }

  private static boolean isSo(Connection c, Step step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(step.check())) {
      for (int i = 0; i < step.params().size(); i++) {
        ps.setString(i + 1, step.params().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
