/**
 * STEP 4: copy workers and their schedule, batches, bisection of refused rows, retry of lost
 * connections, rowid-range chunks, reject files, and --if-exists row handling.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.copy;
