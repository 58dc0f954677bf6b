/**
 * The resume contract: the advisory run lock, run, table and chunk records in the target's
 * sqlite2pg schema, and the run fingerprint that --resume checks.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.pg.state;
