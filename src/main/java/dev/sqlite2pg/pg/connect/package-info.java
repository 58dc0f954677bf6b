/**
 * Where the data goes: libpq URIs, key=value strings and JDBC URLs, the PG* environment and the
 * password file, opening connections, and the embedded server. Reached from outside only through
 * the root package's Targets.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.pg.connect;
