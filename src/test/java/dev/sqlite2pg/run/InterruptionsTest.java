package dev.sqlite2pg.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.MigrationException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Which failures a following sync waits out (design 4.3 #4) and which end it: a lost connection or
 * a busy file pass; a corrupt file, a refused row or a bad password do not, however deep they are
 * wrapped.
 */
class InterruptionsTest {

  @Test
  void lostConnectionsAndABusyFilePass() {
    assertThat(Interruptions.passing(new SQLException("lost", "08006"))).hasValue("postgresql");
    assertThat(Interruptions.passing(new SQLException("shutdown", "57P01"))).hasValue("postgresql");
    assertThat(Interruptions.passing(new SQLException("deadlock", "40P01"))).hasValue("postgresql");
    assertThat(Interruptions.passing(sqlite(SQLiteErrorCode.SQLITE_BUSY))).hasValue("sqlite");
    assertThat(Interruptions.passing(sqlite(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)))
        .hasValue("sqlite");
    assertThat(Interruptions.passing(sqlite(SQLiteErrorCode.SQLITE_READONLY_ROLLBACK)))
        .hasValue("sqlite");
  }

  @Test
  void whatWaitingCannotMendEndsTheSync() {
    assertThat(Interruptions.passing(new SQLException("duplicate key", "23505"))).isEmpty();
    assertThat(Interruptions.passing(new SQLException("password", "28P01"))).isEmpty();
    assertThat(Interruptions.passing(sqlite(SQLiteErrorCode.SQLITE_CORRUPT))).isEmpty();
    assertThat(Interruptions.passing(sqlite(SQLiteErrorCode.SQLITE_READONLY))).isEmpty();
    assertThat(Interruptions.passing(new IllegalStateException("a bug"))).isEmpty();
  }

  @Test
  void theCauseIsFoundUnderTheTranslatedMessage() {
    MigrationException translated =
        new MigrationException(
            MigrationException.Code.TARGET,
            "Applying SQLite's changes failed: ...",
            new SQLException("This connection has been closed.", "08003"));
    assertThat(Interruptions.passing(translated)).hasValue("postgresql");
    assertThat(Interruptions.cause(translated))
        .isEqualTo("This connection has been closed., SQLSTATE 08003");
  }

  private static SQLiteException sqlite(SQLiteErrorCode code) {
    return new SQLiteException(code.message, code);
  }
}
