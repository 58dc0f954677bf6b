/**
 * PostgreSQL's jsonb text output, emulated in Java so that verify can compare JSON the way the
 * server stores it.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.verify.jsonb;
