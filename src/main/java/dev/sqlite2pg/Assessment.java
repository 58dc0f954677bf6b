package dev.sqlite2pg;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code sqlite2pg assess} found: every object of the database with a level, the application
 * code's findings, the time a migration would take here, and the total estimate.
 *
 * @param source the SQLite file
 * @param bytes its size
 * @param tables how many tables the plan would migrate
 * @param rows how many rows they hold
 * @param frameworks the frameworks recognised by their migration-history tables
 * @param findings every object's findings, database objects in schema order
 * @param code the application code's findings ({@code --code}), in file and line order
 * @param time the expected read-and-encode time, measured on a sample
 * @param checks the translated views and defaults tried on {@code --target}; empty without it
 * @param target the server the checks ran on, as displayed (no password)
 */
public record Assessment(
    Path source,
    long bytes,
    int tables,
    long rows,
    List<String> frameworks,
    List<Finding> findings,
    List<CodeFinding> code,
    MigrationTime time,
    List<TargetCheck> checks,
    Optional<String> target) {

  public Assessment {
    frameworks = List.copyOf(frameworks);
    findings = List.copyOf(findings);
    code = List.copyOf(code);
    checks = List.copyOf(checks);
  }

  /** The total in ora2pg's style. */
  public CostEstimate estimate() {
    return CostEstimate.of(findings, code);
  }

  /** The findings of one level. */
  public List<Finding> at(MigrationLevel level) {
    return findings.stream().filter(f -> f.level() == level).toList();
  }
}
