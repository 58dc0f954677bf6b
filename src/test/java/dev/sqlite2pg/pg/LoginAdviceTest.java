package dev.sqlite2pg.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The two refusals of a login that doctor tells apart, in the words PostgreSQL 15 to 18 use: a
 * missing pg_hba.conf line (28000) and a wrong password (28P01, which a role that does not exist
 * gets too).
 */
class LoginAdviceTest {

  @Test
  void noPgHbaLineNamesTheFileAndTheLineToAdd() {
    SQLException e =
        new SQLException(
            "FATAL: no pg_hba.conf entry for host \"10.0.0.7\", user \"app\", database \"shop\","
                + " no encryption",
            "28000");
    assertThat(TargetErrors.cause(e)).contains("no pg_hba.conf entry").contains("SQLSTATE 28000");
    assertThat(TargetErrors.advise(e, null))
        .contains("pg_hba.conf has no line")
        .contains("pg_reload_conf()")
        .contains("hostssl");
  }

  @Test
  void aRejectLineIsSaidToBeOne() {
    SQLException e =
        new SQLException(
            "FATAL: pg_hba.conf rejects connection for host \"10.0.0.7\", user \"app\"", "28000");
    assertThat(TargetErrors.advise(e, null)).contains("a reject line");
  }

  @Test
  void aWrongPasswordIsNamedAsSuch() {
    SQLException e =
        new SQLException("FATAL: password authentication failed for user \"app\"", "28P01");
    assertThat(TargetErrors.advise(e, null)).startsWith("the password is wrong");
    assertThat(TargetErrors.explain(e, TargetErrors.Session.UNKNOWN))
        .isEqualTo(TargetErrors.cause(e) + ": " + TargetErrors.advise(e, null));
  }
}
