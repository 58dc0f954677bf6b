package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetErrors.Session;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Failures that a test server cannot be made to produce on demand (a full disk, memory exhausted,
 * an administrator's shutdown): the translation from SQLSTATE to advice, checked on the exceptions
 * pgjdbc builds from the server's error fields.
 */
class BadInputTranslationTest {

  private static final Session APP =
      new Session(
          "app",
          Map.of("statement_timeout", "30s", "temp_file_limit", "1024kB", "lock_timeout", "5s"));

  /** What pgjdbc makes of an ErrorResponse: S severity, C code, M message. */
  private static PSQLException server(String sqlState, String message) {
    return new PSQLException(
        new ServerErrorMessage("SERROR\0VERROR\0C" + sqlState + "\0M" + message + "\0"));
  }

  @Test
  void diskFull() {
    // What PostgreSQL says when a COPY needs a new block on a full disk.
    String line =
        TargetErrors.explain(
            server("53100", "could not extend file \"base/16384/16390\": No space left on device"),
            APP);
    assertThat(line)
        .isEqualTo(
            "could not extend file \"base/16384/16390\": No space left on"
                + " device (SQLSTATE 53100): PostgreSQL ran out of disk space; free space on the"
                + " server's disk (the load needs about the SQLite file's size, more for indexes),"
                + " then re-run");
  }

  @Test
  void temporaryFileLimit() {
    String line =
        TargetErrors.explain(
            server("53400", "temporary file size exceeds temp_file_limit (1024kB)"), APP);
    assertThat(line)
        .contains(
            "(SQLSTATE 53400): PostgreSQL ran out of disk space allowed for"
                + " temporary files (temp_file_limit=1024kB)")
        .contains("ALTER ROLE app SET temp_file_limit = -1")
        .contains("re-run");
  }

  @Test
  void statementTimeoutNamesItsValueAndTheRole() {
    String line =
        TargetErrors.explain(server("57014", "canceling statement due to statement timeout"), APP);
    assertThat(line)
        .isEqualTo(
            "canceling statement due to statement timeout (SQLSTATE 57014):"
                + " statement timeout (statement_timeout=30s) cancelled it; raise it for this role or"
                + " database (ALTER ROLE app SET statement_timeout = 0), then re-run");
  }

  @Test
  void cancelledByAnotherSession() {
    assertThat(
            TargetErrors.explain(server("57014", "canceling statement due to user request"), APP))
        .contains("pg_cancel_backend");
  }

  @Test
  void withoutTheSessionTheAdviceNamesTheSettingAlone() {
    assertThat(
            TargetErrors.explain(
                server("57014", "canceling statement due to statement timeout"), Session.UNKNOWN))
        .contains("statement timeout (statement_timeout) cancelled it")
        .contains("ALTER ROLE CURRENT_USER SET statement_timeout = 0");
  }

  @Test
  void permissionDeniedOnTheSchema() {
    assertThat(TargetErrors.explain(server("42501", "permission denied for schema public"), APP))
        .isEqualTo(
            "permission denied for schema public (SQLSTATE 42501): grant CREATE on the"
                + " schema to user app (GRANT CREATE ON SCHEMA public TO app), or pass --schema"
                + " naming a schema it owns");
  }

  @Test
  void outOfMemoryAndConnectionSlots() {
    assertThat(TargetErrors.explain(server("53200", "out of memory"), APP))
        .contains("--jobs")
        .contains("work_mem");
    assertThat(TargetErrors.explain(server("53300", "sorry, too many clients already"), APP))
        .contains("--jobs")
        .contains("max_connections");
  }

  @Test
  void shutdownAndLostConnection() {
    assertThat(
            TargetErrors.explain(
                server("57P01", "terminating connection due to administrator command"), APP))
        .contains("shut down")
        .contains("re-run");
    SQLException lost =
        new PSQLException(
            "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
    assertThat(TargetErrors.explain(lost, APP))
        .isEqualTo(
            "An I/O error occurred while sending"
                + " to the backend. (SQLSTATE 08006): the connection to PostgreSQL failed or was lost;"
                + " check that the server is running and reachable, then re-run");
  }

  @Test
  void lockTimeout() {
    assertThat(
            TargetErrors.explain(server("55P03", "canceling statement due to lock timeout"), APP))
        .contains("lock_timeout=5s")
        .contains("pg_locks");
  }

  @Test
  void anythingElseKeepsTheServersWordsOnOneLine() {
    SQLException odd = new SQLException("ERROR: something new\n  Where: somewhere", "XX000");
    assertThat(TargetErrors.explain(odd, APP))
        .isEqualTo(
            "something new (SQLSTATE XX000): see"
                + " the PostgreSQL server log for details; re-run with -v for the full error");
  }
}
