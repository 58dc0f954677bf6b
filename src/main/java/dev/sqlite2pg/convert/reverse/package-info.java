/**
 * The way back: a PostgreSQL value, as PostgreSQL prints it, to the SQLite value the application
 * would have written itself. {@link dev.sqlite2pg.convert.reverse.ColumnShape} learns a column's
 * form from the values it already holds (storage class, date-time text pattern, boolean spelling,
 * UUID and JSON layout); {@link dev.sqlite2pg.convert.reverse.ReverseValue} writes each value in
 * that form, or refuses it with a reason when the form cannot hold it exactly. Used by rollback
 * (design 3.8, "values back into SQLite").
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.convert.reverse;
