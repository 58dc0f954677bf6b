package dev.sqlite2pg;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run over several files did ({@code migrate} or {@code verify} with more than one SOURCE):
 * each file's own result, and for a merged fleet what building the merged tables' keys did.
 *
 * @param schema the merged schema, or empty when each file has its own
 * @param keys what STEP 5 of a merged fleet did, or why this run left it to another
 * @param seconds the whole run's wall time
 */
public record FleetResult(
    String target,
    Optional<String> schema,
    Optional<String> tenantColumn,
    List<FileOutcome> files,
    Optional<Keys> keys,
    double seconds) {

  /** How one file ended. */
  public enum Status {
    /** Loaded (or compared) by this run; its exit code says how it went. */
    RAN,
    /** Loaded and verified by an earlier run (--resume), with the same size and time. */
    DONE_EARLIER,
    /** Stopped with an error before its result. */
    FAILED
  }

  /**
   * One file.
   *
   * @param unit its schema, or its tenant value (merged)
   * @param migrated the result of migrate, when this run loaded it
   * @param verified the result of verify, when this run compared it
   * @param error the one-line error that stopped it, when one did
   * @param rows rows in the target for it: from this run, or from the earlier one that did it
   */
  public record FileOutcome(
      Path file,
      String unit,
      Status status,
      Optional<MigrationResult> migrated,
      Optional<VerifyResult> verified,
      Optional<String> error,
      long rows,
      int exitCode) {}

  /**
   * STEP 5 of a merged fleet: built by this run, or left (another shard's files are not all in yet,
   * a file failed, or an earlier run built them).
   */
  public record Keys(
      boolean built, String why, List<Warning> warnings, List<NotMigrated> notMigrated) {}

  /** The highest exit code of any file; 0 when every file ended with 0. */
  public int exitCode() {
    return files.stream().mapToInt(FileOutcome::exitCode).max().orElse(0);
  }

  public long rows() {
    return files.stream().mapToLong(FileOutcome::rows).sum();
  }

  public long count(Status status) {
    return files.stream().filter(f -> f.status() == status).count();
  }
}
