-- The current rows of the keys a batch of reverse changes touched in one table (design 3.8),
-- read in the batch's snapshot: 'I' and the row for each key that has one now, 'D' and the key
-- (other columns NULL) for each key that has none (deleted, or moved away by a key change).
-- The keys come back from jsonb with casts to the key columns' types (format_type's text, which
-- PostgreSQL quotes itself), so that the lookup uses the table's key index.
-- Filled in by sync.ReverseSql: keys (each key value cast, as k1, k2, ...), table, columns (the
-- table's), tuple (its key columns), list (k1, k2, ...), deleted (k.k1 ... for the key columns,
-- NULL for the others), match (key columns equal). The parameter: this table's change ids.
WITH touched AS MATERIALIZED (
  SELECT DISTINCT {keys} FROM sqlite2pg.changes c
   WHERE c.id = ANY (?::bigint[]) AND c.key IS NOT NULL
)
SELECT 'I' AS sqlite2pg_op, {columns} FROM {table} t
 WHERE ({tuple}) IN (SELECT {list} FROM touched)
UNION ALL
SELECT 'D', {deleted} FROM touched k
 WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match})
