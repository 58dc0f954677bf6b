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
 * @param statements the same script as statements without their semicolons, by section, as {@code
 *     schema --format json} lists them
 */
public record MigrationPlan(
    String schema,
    List<PlannedTable> tables,
    List<Warning> warnings,
    List<NotMigrated> notMigrated,
    Map<SchemaSection, String> sql,
    Map<SchemaSection, List<String>> statements) {

  public MigrationPlan {
    tables = List.copyOf(tables);
    warnings = List.copyOf(warnings);
    notMigrated = List.copyOf(notMigrated);
    sql = Map.copyOf(sql);
    statements = Map.copyOf(statements);
  }

  /** The schema script of {@code section}, as psql runs it. */
  public String script(SchemaSection section) {
    return sql.getOrDefault(section, "");
  }

  /** The statements of {@code section}, without semicolons; empty with --data-only. */
  public List<String> statements(SchemaSection section) {
    return statements.getOrDefault(section, List.of());
  }
}
