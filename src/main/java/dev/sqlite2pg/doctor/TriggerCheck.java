package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * --sync: the role may create triggers on the tables already in the target schema (sync's fence,
 * sync.Fence, and the reverse capture, sync.ReverseCapture, put triggers on every migrated table;
 * tables sqlite2pg creates are its own, those of a --data-only load are the application's).
 */
final class TriggerCheck implements DoctorCheck {

  @Override
  public String name() {
    return "sync: TRIGGER";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    List<String> refused = new ArrayList<>();
    try (PreparedStatement ps =
        run.session().prepareStatement(SqlResources.load("pg-doctor-no-trigger"))) {
      ps.setString(1, run.schema());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          refused.add(rs.getString(1));
        }
      }
    }
    if (refused.isEmpty()) {
      return Check.pass(
          name(),
          run.user()
              + " may create triggers on every table of schema "
              + run.schema()
              + " (tables sqlite2pg creates are its own)");
    }
    String role = DoctorRun.shown(run.user());
    String first = DoctorRun.shown(run.schema()) + "." + DoctorRun.shown(refused.get(0));
    return Check.fail(
        name(),
        run.user()
            + " may not create triggers on "
            + refused.size()
            + " table(s) of schema "
            + run.schema()
            + ": "
            + String.join(", ", refused.subList(0, Math.min(10, refused.size())))
            + (refused.size() > 10 ? ", ..." : ""),
        "GRANT TRIGGER ON ALL TABLES IN SCHEMA "
            + DoctorRun.shown(run.schema())
            + " TO "
            + role
            + " (or on each, e.g. GRANT TRIGGER ON "
            + first
            + " TO "
            + role
            + ")");
  }
}
