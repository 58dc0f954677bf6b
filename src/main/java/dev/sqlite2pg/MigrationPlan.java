package dev.sqlite2pg;

import java.util.List;
import java.util.Map;

/**
 * What {@link Migrator#migrate()} would do, decided before anything is written (STEP 1 and 2):
 * every table and column with its PostgreSQL name and type and the reason for it, the warnings,
 * what will not be migrated, and the schema script.
 *
 * @param schema the target schema
 * @param sql the schema script by section (ALL, PRE_DATA, POST_DATA), as {@code schema} prints it;
 *     empty with --data-only, which creates nothing
 */
public record MigrationPlan(
    String schema,
    List<PlannedTable> tables,
    List<Warning> warnings,
    List<NotMigrated> notMigrated,
    Map<SchemaSection, String> sql) {

  public MigrationPlan {
    tables = List.copyOf(tables);
    warnings = List.copyOf(warnings);
    notMigrated = List.copyOf(notMigrated);
    sql = Map.copyOf(sql);
  }

  /** The schema script of {@code section}, as psql runs it. */
  public String script(SchemaSection section) {
    return sql.getOrDefault(section, "");
  }
}
