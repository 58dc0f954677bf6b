-- prepare: does the application role (2nd parameter) hold USAGE and SELECT on every sequence of
-- the schema (1st)? nextval() on a serial column's sequence needs USAGE.
SELECT NOT EXISTS (
  SELECT FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN unnest(ARRAY['USAGE', 'SELECT']) AS p(privilege)
  WHERE n.nspname = ? AND c.relkind = 'S'
    AND NOT has_sequence_privilege(
      (SELECT oid FROM pg_roles WHERE rolname = ?), c.oid, p.privilege))
