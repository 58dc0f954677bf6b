-- The row images of a batch of reverse changes in one table without a key (design 3.8), in the
-- order they were written: 'D' and the old row (delete one row equal to it), 'I' and the new row
-- (insert it); an UPDATE gives both. Equal rows cannot be told apart, so which of them goes does
-- not matter. Row locks order two transactions' changes to one row, so ids order them too.
-- Filled in by sync.ReverseSql: table, columns (the table's). Both parameters: this table's change
-- ids.
SELECT x.op AS sqlite2pg_op, {columns}
  FROM (SELECT c.id, 0 AS half, 'D' AS op, c.old_row AS image FROM sqlite2pg.changes c
         WHERE c.id = ANY (?::bigint[]) AND c.old_row IS NOT NULL
        UNION ALL
        SELECT c.id, 1, 'I', c.new_row FROM sqlite2pg.changes c
         WHERE c.id = ANY (?::bigint[]) AND c.new_row IS NOT NULL) x
  CROSS JOIN LATERAL jsonb_populate_record(NULL::{table}, x.image) r
 ORDER BY x.id, x.half
