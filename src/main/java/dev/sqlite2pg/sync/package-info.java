/**
 * Zero-downtime sync (issue 12, in progress): change capture in the application's SQLite file (a
 * key-only changelog filled by triggers, ../shared/design/zero-downtime.md section 3.2), its exact
 * boundary in a snapshot (3.3), and its removal without a trace.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.sync;
