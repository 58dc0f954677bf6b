package dev.sqlite2pg.sync;

import java.util.List;

/**
 * One changelog row: a key of a captured table that a committed transaction touched.
 *
 * @param table the table's number ({@code sqlite2pg_tables.n})
 * @param op 1 insert, 2 update (new key), 3 delete or old key, 4 a row a REPLACE may delete
 * @param key the key's values, as the application wrote them (storage class kept)
 * @param ts Unix milliseconds from the writer's clock
 */
public record Change(long id, int table, int op, List<Object> key, long ts) {}
