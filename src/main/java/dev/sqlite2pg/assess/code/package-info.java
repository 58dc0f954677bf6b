/**
 * {@code assess --code}: the application's sources scanned for what breaks or behaves differently
 * on PostgreSQL (issue 16).
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.assess.code;
