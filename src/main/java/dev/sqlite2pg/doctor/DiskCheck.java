package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.pg.TargetErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Free disk on the server's data directory against 3x the SQLite file (rows, indexes, and the WAL
 * they write). PostgreSQL has no SQL function for free space: it is read with {@code df} run on the
 * server by COPY FROM PROGRAM, in the data directory (a backend's working directory), which takes
 * superuser or pg_execute_server_program. Anyone else gets a WARN saying it could not be seen.
 */
final class DiskCheck implements DoctorCheck {

  /** Free space wanted per byte of SQLite file (issue 16's checklist: disk 3x the SQLite size). */
  private static final int FACTOR = 3;

  @Override
  public String name() {
    return "free disk";
  }

  @Override
  public Stage needs() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws SQLException {
    Optional<Long> need = run.source().map(s -> FACTOR * s.bytes());
    String wanted =
        need.map(n -> FACTOR + "x the SQLite file (" + Sizes.shown(n) + ")")
            .orElse(FACTOR + "x the SQLite file");
    boolean allowed =
        run.one(
            "SELECT rolsuper OR pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER')"
                + " FROM pg_roles WHERE rolname = current_user",
            null,
            rs -> rs.getBoolean(1));
    if (!allowed) {
      return Check.warn(
          name(),
          "could not see the free space of the server's data directory (running df there takes"
              + " superuser or pg_execute_server_program)",
          "check by hand on the server that its data directory (SHOW data_directory) has "
              + wanted
              + " free");
    }
    List<String> df;
    try {
      df = df(run.session());
    } catch (SQLException e) {
      return Check.warn(
          name(),
          "could not run df on the server: " + TargetErrors.cause(e),
          "check by hand that the server's data directory has " + wanted + " free");
    }
    return judge(df, need, wanted);
  }

  private Check judge(List<String> df, Optional<Long> need, String wanted) {
    String[] fields = df.size() < 2 ? new String[0] : df.get(1).trim().split("\\s+");
    if (fields.length < 6 || !fields[3].matches("\\d+")) {
      return Check.warn(
          name(),
          "df on the server printed something unexpected: " + String.join(" | ", df),
          "check by hand that the server's data directory has " + wanted + " free");
    }
    long free = Long.parseLong(fields[3]) * 1024;
    String found = Sizes.shown(free) + " free on the data directory's file system (" + fields[5];
    if (need.isEmpty()) {
      return Check.pass(name(), found + "); pass --source to compare with " + wanted);
    }
    if (free < need.get()) {
      return Check.fail(
          name(),
          found + "), less than " + wanted,
          "free space on the server or grow its disk before migrating");
    }
    return Check.pass(name(), found + "), enough for " + wanted);
  }

  /** df -Pk's lines for the data directory: a header, then one line for its file system. */
  private static List<String> df(Connection c) throws SQLException {
    List<String> lines = new ArrayList<>();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE sqlite2pg_doctor_df"
              + " (n bigint GENERATED ALWAYS AS IDENTITY, line text)");
      s.execute("COPY sqlite2pg_doctor_df (line) FROM PROGRAM 'df -Pk .'");
      try (ResultSet rs = s.executeQuery("SELECT line FROM sqlite2pg_doctor_df ORDER BY n")) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
    return lines;
  }
}
