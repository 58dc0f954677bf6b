package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import java.sql.SQLException;

/**
 * maintenance_work_mem, the memory each index build and foreign-key validation of post-data sorts
 * in: PostgreSQL's default of 64 MB sends the sort of a larger table to disk, which is slower. It
 * passes when it is at least 256 MB, or when the whole SQLite file would fit in it.
 */
final class MaintenanceWorkMemCheck implements DoctorCheck {

  private static final long ENOUGH = 256L << 20;

  @Override
  public String name() {
    return "maintenance_work_mem";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    long bytes =
        run.one(
            "SELECT setting::bigint * 1024 FROM pg_settings WHERE name = 'maintenance_work_mem'",
            null,
            rs -> rs.getLong(1));
    String shown = "maintenance_work_mem = " + Sizes.shown(bytes);
    if (bytes >= ENOUGH) {
      return Check.pass(name(), shown + ": index builds of tables up to that size sort in memory");
    }
    if (run.source().isPresent() && run.source().get().bytes() <= bytes) {
      return Check.pass(
          name(),
          shown
              + ", more than the whole SQLite file ("
              + Sizes.shown(run.source().get().bytes())
              + "): index builds sort in memory");
    }
    return Check.warn(
        name(),
        shown + ": building an index on a larger table sorts on disk, which makes post-data slower",
        "ALTER ROLE "
            + DoctorRun.shown(run.user())
            + " IN DATABASE "
            + DoctorRun.shown(run.database())
            + " SET maintenance_work_mem = '1GB' for the migration (each of --jobs "
            + run.jobs()
            + " post-data sessions may use that much)");
  }
}
