package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.sql.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The role may create the tables: a table in the target schema when it exists, else the schema in
 * the database, tried for real in a transaction that is rolled back (what STEP 3 does, so
 * ownership, grants and default privileges all count), and nothing is left behind.
 */
final class CreateCheck implements DoctorCheck {

  @Override
  public String name() {
    return "CREATE";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    boolean exists =
        run.one(
            "SELECT to_regnamespace(quote_ident(?)) IS NOT NULL",
            run.schema(),
            rs -> rs.getBoolean(1));
    String attempt =
        exists
            ? "CREATE TABLE "
                + Identifiers.qualified(run.schema(), "sqlite2pg_doctor_probe")
                + " (id integer)"
            : "CREATE SCHEMA " + Identifiers.quote(run.schema());
    String what =
        exists
            ? "may create tables in schema " + run.schema()
            : "may create schema " + run.schema() + " (it does not exist yet)";
    Connection c = run.session();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(attempt);
      return Check.pass(name(), run.user() + " " + what);
    } catch (SQLException e) {
      if (!"42501".equals(e.getSQLState())) {
        throw e;
      }
      return Check.fail(name(), TargetErrors.cause(e), TargetErrors.advise(e, run.errorSession()));
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
