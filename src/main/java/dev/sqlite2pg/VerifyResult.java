package dev.sqlite2pg;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Migrator#verify()} found, table by table.
 *
 * @param sync when the file is under sync: the change ids of the snapshot and of PostgreSQL
 */
public record VerifyResult(
    String source,
    String target,
    String schema,
    List<TableCheck> tables,
    double seconds,
    Optional<SyncPosition> sync) {

  /** A verify of a file that is not under sync. */
  public VerifyResult(
      String source, String target, String schema, List<TableCheck> tables, double seconds) {
    this(source, target, schema, tables, seconds, Optional.empty());
  }

  public boolean equal() {
    return tables.stream().allMatch(TableCheck::complete);
  }

  /** 0 only when every table is complete and equal; 6 otherwise (rejected rows are missing). */
  public int exitCode() {
    return equal() ? 0 : MigrationException.Code.DIFFERENT.exitCode();
  }
}
