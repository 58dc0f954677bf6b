/**
 * {@code sqlite2pg prepare}: the database, the migration role that owns its schema and a
 * least-privilege application role, made so idempotently (each step checked first) on a server or
 * printed as a psql script for a DBA; and a PgBouncer configuration for the application.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.prepare;
