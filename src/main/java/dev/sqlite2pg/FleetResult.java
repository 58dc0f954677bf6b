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
 * @param tenants a merged fleet's every tenant compared with its file, by the run that finished it
 * @param seconds the whole run's wall time
 */
public record FleetResult(
    String target,
    Optional<String> schema,
    Optional<String> tenantColumn,
    List<FileOutcome> files,
    Optional<Keys> keys,
    Optional<Tenants> tenants,
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

  /**
   * A merged fleet's tenants compared, after its last file, with what their files' sources held
   * (each table's row count and fingerprint, recorded when the file loaded).
   *
   * @param tenants tenants compared
   * @param rows the target's rows compared
   * @param differences one per tenant and table that differs
   * @param unverified tenants whose files were loaded with --no-verify (nothing recorded to
   *     compare)
   */
  public record Tenants(
      long tenants, long rows, List<TenantDifference> differences, List<String> unverified) {}

  /**
   * A tenant's table that is not as its file had it.
   *
   * @param expectedRows the file's rows whose values convert, as recorded when it loaded
   * @param targetRows the tenant's rows in the target
   * @param what what differs, in words
   */
  public record TenantDifference(
      String tenant, String table, long expectedRows, long targetRows, String what) {}

  /**
   * The highest exit code of any file; 0 when every file ended with 0. A tenant that differs after
   * the fleet's last file makes it {@link MigrationException.Code#DIFFERENT}'s at least.
   */
  public int exitCode() {
    int files = this.files.stream().mapToInt(FileOutcome::exitCode).max().orElse(0);
    boolean differ = tenants.map(t -> !t.differences().isEmpty()).orElse(false);
    return differ ? Math.max(files, MigrationException.Code.DIFFERENT.exitCode()) : files;
  }

  public long rows() {
    return files.stream().mapToLong(FileOutcome::rows).sum();
  }

  public long count(Status status) {
    return files.stream().filter(f -> f.status() == status).count();
  }
}
