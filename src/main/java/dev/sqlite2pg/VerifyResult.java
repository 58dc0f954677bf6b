package dev.sqlite2pg;

import java.util.List;

/** What {@link Migrator#verify()} found, table by table. */
public record VerifyResult(
    String source, String target, String schema, List<TableCheck> tables, double seconds) {

  public boolean equal() {
    return tables.stream().allMatch(TableCheck::complete);
  }

  /** 0 only when every table is complete and equal; 6 otherwise (rejected rows are missing). */
  public int exitCode() {
    return equal() ? 0 : MigrationException.Code.DIFFERENT.exitCode();
  }
}
