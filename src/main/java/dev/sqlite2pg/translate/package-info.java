/**
 * SQLite expressions, defaults, CHECKs, index expressions and views rewritten as PostgreSQL, or
 * refused with a reason.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.translate;
