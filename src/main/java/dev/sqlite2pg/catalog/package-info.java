/**
 * The SQLite schema as read-only records: tables, columns, indexes, foreign keys, views and
 * triggers, as STEP 1 reads them.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.catalog;
