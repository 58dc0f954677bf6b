/**
 * STEP 6: row-set fingerprints on both sides and the location of differing rows.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.verify;
