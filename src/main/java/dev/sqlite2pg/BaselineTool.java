package dev.sqlite2pg;

/** The schema-migration tools {@link Baselines} writes a baseline for. */
public enum BaselineTool {
  /** {@code V1__baseline.sql}, marked applied by {@code flyway baseline}. */
  FLYWAY,
  /** {@code changelog.xml} with {@code baseline.sql}, marked applied by changelog-sync. */
  LIQUIBASE,
  /** A revision whose upgrade() runs the DDL, marked applied by {@code alembic stamp}. */
  ALEMBIC
}
