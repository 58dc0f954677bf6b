/**
 * STEP 3 and STEP 5 on the target: DDL rendered and run, post-data (keys, indexes, constraints,
 * foreign keys) scheduled as tables finish, sequences and views.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.pg.ddl;
