/**
 * The per-value hot path: a SQLite value to a PostgreSQL binary COPY field, exactly or refused with
 * a reason, and the PostgreSQL types it can write. Runs once per value: measure before adding work
 * here.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.convert;
