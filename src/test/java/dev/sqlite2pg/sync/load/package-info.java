/**
 * The load generator of sync's tests and benchmark (design 4.2): writers that keep a SQLite file
 * busy with the statements that are hazards for trigger capture, a heartbeat for lag, and a ledger
 * of every acknowledged write that the checker compares with SQLite and PostgreSQL.
 */
package dev.sqlite2pg.sync.load;
