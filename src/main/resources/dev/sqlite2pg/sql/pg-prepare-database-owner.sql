-- prepare: is the database (1st parameter) owned by the migration role (2nd)?
SELECT EXISTS (
  SELECT FROM pg_database d
  JOIN pg_roles r ON r.oid = d.datdba
  WHERE d.datname = ? AND r.rolname = ?)
