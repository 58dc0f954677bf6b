-- prepare: is the schema (1st parameter) owned by the migration role (2nd)?
SELECT EXISTS (
  SELECT FROM pg_namespace n
  JOIN pg_roles r ON r.oid = n.nspowner
  WHERE n.nspname = ? AND r.rolname = ?)
