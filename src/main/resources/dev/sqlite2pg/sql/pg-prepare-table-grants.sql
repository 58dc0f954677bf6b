-- prepare: does the application role (2nd parameter) hold SELECT, INSERT, UPDATE and DELETE on
-- every table, view and foreign table of the schema (1st)? The relkinds are those GRANT ... ON ALL
-- TABLES IN SCHEMA reaches.
SELECT NOT EXISTS (
  SELECT FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p(privilege)
  WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND NOT has_table_privilege(
      (SELECT oid FROM pg_roles WHERE rolname = ?), c.oid, p.privilege))
