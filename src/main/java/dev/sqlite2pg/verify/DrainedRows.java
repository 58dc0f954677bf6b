package dev.sqlite2pg.verify;

import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Cut-over's check of the rows it drained under SQLite's write lock (design 3.6, last paragraph):
 * the same rows selected on both sides, hashed as verify hashes them (each SQLite value encoded as
 * the copy encodes it; PostgreSQL's hashed by the server). Small: only the keys the drain touched.
 */
public final class DrainedRows {

  private DrainedRows() {}

  /**
   * Whether the rows {@code sqliteWhere} selects in SQLite hash the same as those {@code pgWhere}
   * selects in PostgreSQL, in the callers' open transactions.
   */
  public static boolean equal(
      TablePlan t,
      boolean utf8,
      Connection sqlite,
      String sqliteWhere,
      List<Object> params,
      Connection pg,
      String schema,
      String pgWhere)
      throws SQLException {
    Optional<TableKey> key = TableKey.of(t);
    // No SqliteSource: a WHERE is read through SQLite's own statement, never the bulk reader.
    Fingerprint source =
        new SourceSide(null, sqlite, t, key, utf8, false).fingerprint(sqliteWhere, params);
    Fingerprint target = new TargetSide(pg, schema, t, key).fingerprint(pgWhere, List.of());
    return source.equals(target);
  }
}
