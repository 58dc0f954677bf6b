-- prepare: do the default privileges of the owner (2nd parameter) in the schema (3rd) for objects
-- of type 'r' (tables) or 'S' (sequences) (4th) grant the application role (5th) each of the
-- privileges listed in the 1st, comma-separated?
SELECT NOT EXISTS (
  SELECT FROM unnest(string_to_array(?, ',')) AS wanted(privilege)
  WHERE NOT EXISTS (
    SELECT FROM pg_default_acl d
    JOIN pg_roles o ON o.oid = d.defaclrole
    JOIN pg_namespace n ON n.oid = d.defaclnamespace
    CROSS JOIN aclexplode(d.defaclacl) a
    JOIN pg_roles g ON g.oid = a.grantee
    WHERE o.rolname = ? AND n.nspname = ? AND d.defaclobjtype::text = ?
      AND g.rolname = ? AND a.privilege_type = wanted.privilege))
