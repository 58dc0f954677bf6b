package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Free connection slots against what a migration with --jobs opens ({@link
 * DoctorRun#connectionsNeeded}): the server's (max_connections less the reserved slots and those in
 * use), the role's CONNECTION LIMIT and the database's, whichever is tightest.
 */
final class ConnectionsCheck implements DoctorCheck {

  /** One limit: how many slots it leaves, and the fix that raises it. */
  private record Limit(String what, long free, String raise) {}

  @Override
  public String name() {
    return "connections";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    List<Limit> limits =
        run.one(SqlResources.load("pg-doctor-connections"), null, rs -> limits(rs, run));
    Limit tightest = limits.get(0);
    for (Limit l : limits) {
      if (l.free() < tightest.free()) {
        tightest = l;
      }
    }
    int need = run.connectionsNeeded();
    String needs =
        "--jobs "
            + run.jobs()
            + " opens up to "
            + need
            + " connections ("
            + run.jobs()
            + " copy, "
            + run.jobs()
            + " post-data, 1 run lock)";
    if (tightest.free() >= need) {
      return Check.pass(name(), needs + "; " + tightest.what());
    }
    long fits = Math.max(0, (tightest.free() - 1) / 2);
    String lower = fits >= 1 ? "pass --jobs " + fits + " or less, or " : "";
    return Check.fail(name(), needs + ", but " + tightest.what(), lower + tightest.raise());
  }

  private List<Limit> limits(ResultSet rs, DoctorRun run) throws SQLException {
    List<Limit> limits = new ArrayList<>();
    long max = rs.getLong("max_connections");
    long reserved = rs.getLong("reserved");
    long used = rs.getLong("used");
    limits.add(
        new Limit(
            "the server has "
                + (max - reserved - used)
                + " free of max_connections "
                + max
                + " ("
                + used
                + " in use"
                + (reserved > 0 ? ", " + reserved + " reserved" : "")
                + ")",
            max - reserved - used,
            "raise max_connections (a restart), or close idle sessions"));
    int need = run.connectionsNeeded();
    limit(
        limits,
        "role",
        rs.getLong("role_limit"),
        rs.getLong("role_used"),
        "ALTER ROLE " + DoctorRun.shown(run.user()),
        need);
    limit(
        limits,
        "database",
        rs.getLong("database_limit"),
        rs.getLong("database_used"),
        "ALTER DATABASE " + DoctorRun.shown(run.database()),
        need);
    return limits;
  }

  /** A CONNECTION LIMIT of -1 means none. */
  private static void limit(
      List<Limit> limits, String kind, long limit, long used, String alter, int need) {
    if (limit < 0) {
      return;
    }
    limits.add(
        new Limit(
            "the "
                + kind
                + "'s CONNECTION LIMIT "
                + limit
                + " leaves "
                + Math.max(0, limit - used)
                + " ("
                + used
                + " in use)",
            limit - used,
            "raise it: " + alter + " CONNECTION LIMIT " + (used + need)));
  }
}
