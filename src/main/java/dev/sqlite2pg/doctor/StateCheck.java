package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * sqlite2pg's own state in schema sqlite2pg, created by the very scripts a run executes, in a
 * transaction that is rolled back: the run records --resume needs (pg-state.sql; without them
 * migrate still runs, so a refusal is a WARN), and with --sync the sync state, the fence and the
 * reverse capture's tables and functions (a refusal is a FAIL: sync cannot run without them).
 * lock_timeout is set low for the attempt, so a running sync's locks end it instead of waiting.
 */
final class StateCheck implements DoctorCheck {

  private static final List<String> RUN = List.of("pg-state");
  private static final List<String> SYNC =
      List.of("pg-state", "pg-sync-state", "pg-sync-fence", "pg-reverse-capture");

  private final boolean sync;

  StateCheck(boolean sync) {
    this.sync = sync;
  }

  @Override
  public String name() {
    return sync ? "sync: state schema" : "resume state";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    Connection c = run.session();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL lock_timeout = '1s'");
      for (String script : sync ? SYNC : RUN) {
        s.execute(SqlResources.load(script));
      }
      return Check.pass(
          name(),
          run.user()
              + " may create and change sqlite2pg's "
              + (sync ? "sync state, fence and reverse capture" : "run records")
              + " in schema sqlite2pg");
    } catch (SQLException e) {
      return refused(run, e);
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  private Check refused(DoctorRun run, SQLException e) throws SQLException {
    if ("55P03".equals(e.getSQLState())) {
      return Check.warn(
          name(),
          "schema sqlite2pg is in use (a sync or migration running?): " + TargetErrors.cause(e),
          "run doctor again when it is done");
    }
    if (!"42501".equals(e.getSQLState())) {
      throw e;
    }
    String fix =
        "let "
            + DoctorRun.shown(run.user())
            + " create it (GRANT CREATE ON DATABASE "
            + DoctorRun.shown(run.database())
            + " TO "
            + DoctorRun.shown(run.user())
            + "), or have the database owner run CREATE SCHEMA sqlite2pg AUTHORIZATION "
            + DoctorRun.shown(run.user());
    String cause = TargetErrors.cause(e);
    return sync
        ? Check.fail(name(), cause + ": sync keeps its state there", fix)
        : Check.warn(
            name(), cause + ": migrate will run without a record, so without --resume", fix);
  }
}
