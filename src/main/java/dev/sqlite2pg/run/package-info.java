/**
 * The pipeline's steps, one class each, and the LoadMode that says what --drop, --data-only,
 * --if-exists and --resume imply for each; the only package that knows all the others.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.run;
