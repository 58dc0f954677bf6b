-- sqlite2pg doctor --sync: the tables of the target schema on which the current role may not
-- create triggers (sync's fence and reverse capture put triggers on every migrated table).
SELECT c.relname
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
   AND NOT has_table_privilege(c.oid, 'TRIGGER')
 ORDER BY c.relname;
