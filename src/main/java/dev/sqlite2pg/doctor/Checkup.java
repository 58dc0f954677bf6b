package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.connect.ConnectionSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks, in the order a connection walks (DNS, TCP, TLS, login) and then what the session can
 * see; each runs unless a check it depends on failed, in which case it is a SKIP naming that check.
 */
public final class Checkup {

  private Checkup() {}

  /** The list: the order is the report's. */
  static List<DoctorCheck> checks(boolean sync) {
    List<DoctorCheck> checks =
        new ArrayList<>(
            List.of(
                new DnsCheck(),
                new TcpCheck(),
                new TlsCheck(),
                new LoginCheck(),
                new VersionCheck(),
                new CreateCheck(),
                new StateCheck(false),
                new DiskCheck(),
                new ConnectionsCheck(),
                new TimeoutsCheck(),
                new PoolerCheck(),
                new MaintenanceWorkMemCheck()));
    if (sync) {
      checks.add(new TriggerCheck());
      checks.add(new StateCheck(true));
      checks.add(new LogicalDecodingCheck());
    }
    return checks;
  }

  /**
   * Runs every check against {@code target}.
   *
   * @param spec the resolved target, when it came from a URL or the environment (DNS, TCP and TLS
   *     need its hosts); empty for a library user's own connector
   */
  public static List<Check> run(
      TargetConnector target,
      Optional<ConnectionSpec> spec,
      String schema,
      int jobs,
      boolean sync,
      Optional<SourceFacts> source) {
    List<Check> results = new ArrayList<>();
    try (DoctorRun run = new DoctorRun(target, spec, schema, jobs, sync, source)) {
      for (DoctorCheck check : checks(sync)) {
        Check result = runOne(check, run);
        if (result.status() == Check.Status.FAIL && check.establishes() != Stage.NONE) {
          run.block(check.establishes(), check.name() + " failed");
        }
        results.add(result);
      }
    }
    return results;
  }

  private static Check runOne(DoctorCheck check, DoctorRun run) {
    Optional<String> blocked = run.blocked(check.needs());
    if (blocked.isPresent()) {
      return Check.skip(check.name(), blocked.get());
    }
    try {
      return check.run(run);
    } catch (SQLException e) {
      return Check.warn(
          check.name(),
          "could not check: " + TargetErrors.cause(e),
          TargetErrors.advise(e, run.errorSession()));
    } catch (MigrationException e) {
      return Check.warn(check.name(), "could not check: " + e.getMessage(), "see the message");
    }
  }
}
