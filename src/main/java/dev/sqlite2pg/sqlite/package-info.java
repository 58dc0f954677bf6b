/**
 * Reading SQLite: opening a file read-only, snapshots, the catalog from PRAGMAs and CREATE
 * statements, rows through sqlite-jdbc or the page reader, column profiles, and SqliteErrors, where
 * every SQLite failure becomes a one-line message with exit code 4.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.sqlite;
