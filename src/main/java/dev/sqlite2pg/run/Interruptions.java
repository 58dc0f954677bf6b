package dev.sqlite2pg.run;

import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Failures a following sync waits out instead of ending on (design 4.3 #4: PostgreSQL restarted
 * mid-apply): a lost or refused connection (SQLSTATE class 08), a server shutting down or starting
 * (57P01-57P03), a serialization failure or deadlock (40001, 40P01), SQLite busy or locked past the
 * busy timeout (an application transaction holding the write lock), and a hot journal met by a
 * read-only read of a rollback-journal file. Nothing is lost by waiting: each batch commits with
 * its progress, so the next attempt starts where the last committed one ended.
 */
final class Interruptions {

  private Interruptions() {}

  /** The side ("postgresql" or "sqlite") whose passing failure {@code e} is, if it is one. */
  static Optional<String> passing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException s) {
        // A hot journal seen by a read-only connection while a writer of a rollback-journal file
        // commits: seen once in five runs under load; the next read finds none.
        boolean hotJournal = s.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_ROLLBACK;
        return busy(s) || hotJournal ? Optional.of("sqlite") : Optional.empty();
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        boolean passing =
            state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03")
                || state.equals("40001")
                || state.equals("40P01");
        return passing ? Optional.of("postgresql") : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** SQLITE_BUSY or SQLITE_LOCKED, extended codes included: another connection holds a lock. */
  static boolean busy(SQLiteException e) {
    int primary = e.getResultCode().code & 0xff;
    return primary == SQLiteErrorCode.SQLITE_BUSY.code
        || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  /** The driver's own words for the failure, with its SQLSTATE: what the warning quotes. */
  static String cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s.getMessage() + (s.getSQLState() == null ? "" : ", SQLSTATE " + s.getSQLState());
      }
    }
    return e.getMessage();
  }
}
