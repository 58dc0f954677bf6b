package dev.sqlite2pg;

import java.util.List;

/**
 * What {@code sqlite2pg doctor} found, check by check, in the order they ran.
 *
 * @param target the target as a URL a person can read, password masked
 * @param embedded whether the target is the embedded server (no TARGET, DATABASE_URL or PGHOST)
 * @param jobs the --jobs the connection count was checked against
 * @param checks one per check, in order
 */
public record DoctorReport(String target, boolean embedded, int jobs, List<Check> checks) {

  public DoctorReport {
    checks = List.copyOf(checks);
  }

  /** Ready when nothing FAILed; WARNs and SKIPs after a FAIL do not count on their own. */
  public boolean ready() {
    return count(Check.Status.FAIL) == 0;
  }

  public long count(Check.Status status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }
}
