package dev.sqlite2pg.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a failed COPY costs depends on its SQLSTATE alone: a value the column refuses or a violated
 * constraint (classes 22 and 23) costs the row, a lost connection (class 08) is worth copying the
 * table again, anything else (a cancelled statement, a missing privilege, a full disk) fails the
 * table. A refused row's report names the column or constraint the server named, as pgjdbc hands it
 * over in a {@link ServerErrorMessage}.
 */
class ErrorClassesTest {

  /** What PostgreSQL sends: fields of one letter each, NUL-terminated. */
  private static PSQLException server(String state, String where, String constraint) {
    StringBuilder fields =
        new StringBuilder("SERROR\0VERROR\0C").append(state).append("\0Mrefused\0");
    if (where != null) {
      fields.append('W').append(where).append('\0');
    }
    if (constraint != null) {
      fields.append('n').append(constraint).append('\0');
    }
    return new PSQLException(new ServerErrorMessage(fields.toString()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "22000", "22001", "22003", "22007", "22008", "22021", "22P02", "22P05", "23000", "23502",
        "23503", "23505", "23514", "23P01"
      })
  void dataExceptionsAndIntegrityViolationsAreRowErrors(String state) {
    assertThat(BatchSender.isRowError(new SQLException("x", state))).isTrue();
    assertThat(BatchSender.isRowError(server(state, null, null))).isTrue();
    assertThat(BatchSender.isConnectionError(new SQLException("x", state))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "57014", "42501", "42P01", "53100", "53200", "25P02", "40001", "40P01", "57P01", "XX000",
        "2", "", "02000", "24000", "32000"
      })
  void otherStatesAreNotRowErrors(String state) {
    assertThat(BatchSender.isRowError(new SQLException("x", state))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"08000", "08001", "08003", "08004", "08006", "08P01"})
  void classZeroEightIsALostConnection(String state) {
    assertThat(BatchSender.isConnectionError(new SQLException("x", state))).isTrue();
    assertThat(BatchSender.isRowError(new SQLException("x", state))).isFalse();
  }

  /** pgjdbc's own I/O failure, with no server message: what a network cut looks like. */
  @Test
  void pgjdbcsConnectionFailureIsALostConnection() {
    SQLException lost =
        new PSQLException(
            "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
    assertThat(BatchSender.isConnectionError(lost)).isTrue();
    assertThat(BatchSender.isConnectionError(server("08006", null, null))).isTrue();
  }

  /** A restart's "terminating connection due to administrator command" is class 57. */
  @ParameterizedTest
  @ValueSource(strings = {"57P01", "57014", "53300", "28P01", "80000"})
  void otherStatesAreNotLostConnections(String state) {
    assertThat(BatchSender.isConnectionError(new SQLException("x", state))).isFalse();
  }

  @Test
  void noStateIsNeitherRowNorConnection() {
    SQLException none = new SQLException("no state");
    assertThat(BatchSender.isRowError(none)).isFalse();
    assertThat(BatchSender.isConnectionError(none)).isFalse();
    assertThat(BatchSender.column(none)).isEmpty();
  }

  /** Binary COPY names the column whose value it could not take: "..., column c". */
  @Test
  void aValueTheColumnRefusesNamesTheColumn() {
    assertThat(BatchSender.column(server("22003", "COPY orders, line 3, column qty", null)))
        .isEqualTo("qty");
    assertThat(
            BatchSender.column(
                server("22P02", "COPY orders, line 3, column created_at: \"yesterday\"", null)))
        .isEqualTo("created_at");
  }

  /** A CHECK, foreign key or unique violation names its constraint, not a column. */
  @Test
  void aViolatedConstraintIsNamed() {
    assertThat(BatchSender.column(server("23514", "COPY orders, line 1", "qty_positive")))
        .isEqualTo("constraint qty_positive");
    assertThat(BatchSender.column(server("23503", null, "orders_customer_fkey")))
        .isEqualTo("constraint orders_customer_fkey");
  }

  /** A constraint and a column both named (a domain's CHECK on one value): the column wins. */
  @Test
  void aColumnInTheContextWinsOverTheConstraint() {
    assertThat(
            BatchSender.column(
                server("23514", "COPY orders, line 2, column qty: \"-1\"", "qty_domain_check")))
        .isEqualTo("qty");
  }

  @Test
  void nothingNamedGivesNothing() {
    assertThat(BatchSender.column(server("22P02", "COPY orders, line 2", null))).isEmpty();
    assertThat(BatchSender.column(server("22P02", null, null))).isEmpty();
    assertThat(BatchSender.column(new SQLException("plain", "23514"))).isEmpty();
    assertThat(BatchSender.column(new PSQLException("no server message", PSQLState.DATA_ERROR)))
        .isEmpty();
  }

  /** --on-error=abort keeps the refusal's state and message, and the refusal as cause. */
  @Test
  void abortTableKeepsTheRowsError() {
    PSQLException refused = server("23514", "COPY orders, line 1", "qty_positive");
    BatchSender.AbortTable abort = new BatchSender.AbortTable(refused);
    assertThat(abort.getSQLState()).isEqualTo("23514");
    assertThat(abort.getMessage()).isEqualTo(refused.getMessage());
    assertThat(abort.getCause()).isSameAs(refused);
    assertThat(BatchSender.isConnectionError(abort)).isFalse();
  }
}
