/**
 * The way back: a PostgreSQL value, as PostgreSQL prints it, to the SQLite value the application
 * would have written itself (design 3.8, "values back into SQLite"). {@link
 * dev.sqlite2pg.convert.reverse.ColumnShape} learns a column's form from the values it already
 * holds (storage classes, date-time text pattern, boolean spelling, UUID, JSON and address layout);
 * {@link dev.sqlite2pg.convert.reverse.ReverseValue} writes each value in that form, or refuses it
 * with a {@link dev.sqlite2pg.convert.reverse.ReverseException} naming the column and the value
 * when the form cannot hold it exactly.
 *
 * <p>Per column, once: {@code ReverseValue.forColumn(sqlite, table, column, plan.type(),
 * plan.options())}. Per value, on a PostgreSQL session with TimeZone UTC and DateStyle ISO: {@code
 * reverse.read(rs, i)} (a new row) or {@code reverse.read(rs, i, currentSqliteValue)} (an updated
 * row: the SQLite value is kept where it means the same), then {@code ps.setObject(j, value)} on
 * the sqlite-jdbc statement.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.convert.reverse;
