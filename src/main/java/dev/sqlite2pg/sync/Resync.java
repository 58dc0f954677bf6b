package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table made equal to SQLite again after a gap in its capture (design 3.5: a rebuild dropped
 * its triggers, or apply was paused for it): its rows read in one SQLite read transaction replace
 * the target table's in one PostgreSQL transaction, which also clears the pause. Changes captured
 * meanwhile are applied again later, harmlessly (state-based apply).
 *
 * <p>The whole table is replaced rather than compared by verify's bisection and fixed key by key:
 * both read every row on both sides, and the bisection works on its own sessions and snapshot file,
 * not on the live file inside one read transaction, which the gap needs. What a replace costs more
 * is PostgreSQL write volume (and dead rows for autovacuum) on a table that changed little: a
 * rebuild during sync is rare, and the table is briefly bigger, never wrong.
 */
final class Resync {

  private final String schema;
  private final RowCopy rows;
  private final SyncState state;

  Resync(String schema, boolean utf8) {
    this.schema = schema;
    this.rows = new RowCopy(utf8);
    this.state = new SyncState(schema);
  }

  /** Replaces {@code t}'s rows in the target with SQLite's, now; the number of rows. */
  long table(Connection sqlite, Connection pg, TablePlan t) throws SQLException {
    boolean auto = sqlite.getAutoCommit();
    boolean pgAuto = pg.getAutoCommit();
    sqlite.setAutoCommit(false); // every row as of one moment
    pg.setAutoCommit(false);
    try {
      Fence.pass(pg);
      String target = qualified(schema, t.target());
      try (Statement s = pg.createStatement()) {
        // DELETE, not TRUNCATE: no ACCESS EXCLUSIVE lock, so a verify reading the table waits for
        // nothing and sees the old rows until this commits.
        s.execute("DELETE FROM " + target);
      }
      List<ColumnPlan> cols = t.copiedColumns();
      long n =
          rows.send(
              sqlite,
              pg,
              "SELECT "
                  + cols.stream()
                      .map(c -> quote(c.source().name()))
                      .collect(Collectors.joining(", "))
                  + " FROM "
                  + quote(t.source().name()),
              new long[0],
              cols,
              RowCopy.copySql(target, cols),
              t.source().name());
      state.resynced(pg, t.source().name());
      pg.commit();
      return n;
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      throw e;
    } finally {
      sqlite.rollback();
      sqlite.setAutoCommit(auto);
      pg.setAutoCommit(pgAuto);
    }
  }
}
