/**
 * {@code schema --baseline}: the plan's schema script as the first migration of Flyway, Liquibase
 * or Alembic, with the steps that mark it applied on the migrated database.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.baseline;
