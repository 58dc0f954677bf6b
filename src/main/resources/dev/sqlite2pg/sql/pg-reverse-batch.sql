-- A batch of reverse changes (design 3.8): the oldest changes this snapshot shows for one target
-- schema's tables (the first and third parameters: their numbers), at most the
-- second parameter of them, then every other change of the
-- transactions those belong to, so that a capped batch never takes half a transaction. The
-- snapshot, not the ids, decides: a transaction that commits later with smaller ids (M19) is in
-- the next batch, as nothing here is a watermark.
WITH first AS (
  SELECT c.id, c.tbl, c.op, c.xid FROM sqlite2pg.changes c
   WHERE c.tbl = ANY (?::integer[])
   ORDER BY c.id
   LIMIT ?
)
SELECT f.id, f.tbl, f.op FROM first f
UNION ALL
SELECT c.id, c.tbl, c.op FROM sqlite2pg.changes c
 WHERE c.id > (SELECT max(id) FROM first)
   AND c.tbl = ANY (?::integer[])
   AND c.xid IN (SELECT xid FROM first)
ORDER BY 1
