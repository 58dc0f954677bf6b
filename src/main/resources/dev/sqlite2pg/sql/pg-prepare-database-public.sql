-- prepare: does PUBLIC hold nothing on the database (parameter)? A NULL datacl means the
-- defaults, which give PUBLIC CONNECT and TEMPORARY.
SELECT NOT EXISTS (
  SELECT FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
  WHERE d.datname = ? AND a.grantee = 0)
