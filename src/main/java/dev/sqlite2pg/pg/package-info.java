/**
 * The PostgreSQL side's low level: TargetErrors, where every PostgreSQL failure becomes a one-line
 * message with exit code 5, and reading what the target schema already holds.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.pg;
