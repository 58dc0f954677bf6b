package dev.sqlite2pg;

import java.util.List;

/**
 * What a run did: per table, totals, warnings, and everything that was not migrated. The CLI prints
 * it; {@code --report} writes it as JSON.
 *
 * @param target where the data went, password masked
 * @param verified whether STEP 6 ran
 * @param snapshotAt when the consistent snapshot of a live source was taken, if one was
 * @param steps each step that ran, in order, with its duration
 */
public record MigrationResult(
    String source,
    String target,
    String schema,
    List<TableReport> tables,
    List<Warning> warnings,
    List<NotMigrated> notMigrated,
    boolean verified,
    java.util.Optional<java.time.Instant> snapshotAt,
    double seconds,
    List<StepTime> steps) {

  /** A result without step durations (filled in by {@link #withSteps}). */
  public MigrationResult(
      String source,
      String target,
      String schema,
      List<TableReport> tables,
      List<Warning> warnings,
      List<NotMigrated> notMigrated,
      boolean verified,
      java.util.Optional<java.time.Instant> snapshotAt,
      double seconds) {
    this(
        source,
        target,
        schema,
        tables,
        warnings,
        notMigrated,
        verified,
        snapshotAt,
        seconds,
        List.of());
  }

  /** This result with the steps' durations. */
  public MigrationResult withSteps(List<StepTime> timed) {
    return new MigrationResult(
        source,
        target,
        schema,
        tables,
        warnings,
        notMigrated,
        verified,
        snapshotAt,
        seconds,
        List.copyOf(timed));
  }

  public long sourceRows() {
    return tables.stream().mapToLong(TableReport::sourceRows).sum();
  }

  public long copiedRows() {
    return tables.stream().mapToLong(TableReport::copiedRows).sum();
  }

  /** Source rows the target already held ({@code --if-exists=skip-existing}). */
  public long skippedExisting() {
    return tables.stream().mapToLong(TableReport::skippedExisting).sum();
  }

  public long rejectedRows() {
    return tables.stream().mapToLong(TableReport::rejectedRows).sum();
  }

  public long bytes() {
    return tables.stream().mapToLong(TableReport::bytes).sum();
  }

  public boolean complete() {
    return tables.stream().allMatch(TableReport::complete);
  }

  /** 0 when every row of every table arrived (and verified equal); see the README's table. */
  public int exitCode() {
    if (complete()) {
      return 0;
    }
    boolean differs =
        tables.stream()
            .anyMatch(
                t ->
                    t.error().isEmpty()
                        && t.rejectedRows() == 0
                        && t.inTarget() == t.sourceRows()
                        && !t.complete());
    return differs
        ? MigrationException.Code.DIFFERENT.exitCode()
        : MigrationException.Code.INCOMPLETE.exitCode();
  }
}
