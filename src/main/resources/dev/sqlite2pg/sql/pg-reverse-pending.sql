-- How far reverse capture is behind (design 3.8, 3.10): the changes not consumed yet for one
-- target schema's tables, and the age of the oldest, on PostgreSQL's clock (the writers' clock:
-- ts is clock_timestamp() in the writing transaction), 0 when none.
SELECT count(*),
       coalesce(extract(epoch FROM clock_timestamp() - min(c.ts)) * 1000, 0)
  FROM sqlite2pg.changes c
 WHERE c.tbl IN (SELECT t.n FROM sqlite2pg.reverse_tables t WHERE t.target_schema = ?)
