-- prepare: may PUBLIC not create in the schema (parameter)? PostgreSQL 14 and older grant it
-- CREATE on public; a NULL nspacl means the defaults, which grant PUBLIC nothing.
SELECT NOT EXISTS (
  SELECT FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
  WHERE n.nspname = ? AND a.grantee = 0 AND a.privilege_type = 'CREATE')
