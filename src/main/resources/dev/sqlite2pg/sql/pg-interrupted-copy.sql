-- The tables an interrupted `sync start` copy made (run/SyncSteps.dropInterruptedCopy): those of
-- an unfinished run into this schema whose fingerprint names this source file. Only those are
-- dropped before the copy runs again; a table sqlite2pg did not record making is never dropped.
-- $1: the target schema, $2: 'source <absolute path>,' (how the fingerprint's detail starts).
SELECT DISTINCT t.target_table
FROM sqlite2pg.tables t
JOIN sqlite2pg.runs r USING (run_id)
WHERE r.target_schema = ?
  AND r.status <> 'done'
  AND starts_with(r.fingerprint_detail, ?)
