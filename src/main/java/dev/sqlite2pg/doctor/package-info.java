/**
 * {@code sqlite2pg doctor}: whether a PostgreSQL server is ready for a migration, as a list of
 * checks run in order (name resolution, TCP, TLS, login, then what the session can see), each
 * saying PASS, WARN or FAIL and what to do. Reached from outside only through the root package's
 * Doctor.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.doctor;
