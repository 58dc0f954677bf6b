package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * --sync: what logical decoding would need (wal_level = logical, a role with REPLICATION, free
 * replication slots and WAL senders). Sync captures changes with triggers today and needs none of
 * it (sync.ReverseCapture: no wal_level=logical, no REPLICATION, no superuser), so a gap is a WARN
 * for later, never a FAIL.
 */
final class LogicalDecodingCheck implements DoctorCheck {

  @Override
  public String name() {
    return "sync: logical decoding";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    List<String> missing = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    run.one(
        "SELECT current_setting('wal_level'), rolreplication OR rolsuper,"
            + " current_setting('max_replication_slots')::int,"
            + " current_setting('max_wal_senders')::int FROM pg_roles WHERE rolname = current_user",
        null,
        rs -> {
          if (!rs.getString(1).equals("logical")) {
            missing.add("wal_level = " + rs.getString(1));
            fixes.add("wal_level = logical in postgresql.conf (a restart)");
          }
          if (!rs.getBoolean(2)) {
            missing.add(run.user() + " has no REPLICATION attribute");
            fixes.add("ALTER ROLE " + DoctorRun.shown(run.user()) + " REPLICATION");
          }
          if (rs.getInt(3) < 1 || rs.getInt(4) < 1) {
            missing.add("max_replication_slots or max_wal_senders is 0");
            fixes.add("max_replication_slots and max_wal_senders of 1 or more");
          }
          return null;
        });
    if (missing.isEmpty()) {
      return Check.pass(
          name(), "wal_level = logical and " + run.user() + " may replicate (not needed today)");
    }
    return Check.warn(
        name(),
        String.join(", ", missing)
            + ": not needed today (sync captures changes with triggers), needed for logical"
            + " decoding",
        String.join("; ", fixes) + ", only if sync ever uses logical decoding");
  }
}
