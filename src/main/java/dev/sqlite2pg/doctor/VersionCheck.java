package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import java.sql.SQLException;
import java.util.List;

/**
 * The server's version against what is used: 14 for verify (hash_record_extended, verify.Verifier),
 * 16 only for CHECKs that call json_valid() (IS JSON; translate.TargetServer, read by
 * pg.ServerFeatures). Debian 12's server is 15: fine unless the source uses json_valid().
 */
final class VersionCheck implements DoctorCheck {

  @Override
  public String name() {
    return "server version";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    String version =
        run.one("SELECT current_setting('server_version')", null, rs -> rs.getString(1));
    int major =
        run.one(
            "SELECT current_setting('server_version_num')::int / 10000", null, rs -> rs.getInt(1));
    String shown = "PostgreSQL " + version;
    if (major < 14) {
      return Check.fail(
          name(),
          shown + ": verify needs 14 or later (hash_record_extended)",
          "upgrade the server to 14 or later (16 or later keeps json_valid() CHECKs)");
    }
    if (major >= 16) {
      return Check.pass(name(), shown + ": 14+ for verify, 16+ for json_valid() CHECKs");
    }
    if (run.source().isEmpty()) {
      return Check.pass(
          name(),
          shown
              + ": 14+ for verify; json_valid() CHECKs would need 16 (pass --source to see if"
              + " the source has any)");
    }
    List<String> tables = run.source().get().jsonValidTables();
    if (tables.isEmpty()) {
      return Check.pass(name(), shown + ": 14+ for verify; the source has no json_valid() CHECK");
    }
    return Check.warn(
        name(),
        shown
            + ": the json_valid() CHECKs of "
            + String.join(", ", tables)
            + " need IS JSON (PostgreSQL 16): they will be reported as not migrated",
        "use PostgreSQL 16 or later to keep them, or add them by hand afterwards");
  }
}
