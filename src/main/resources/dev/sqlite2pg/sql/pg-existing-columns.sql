-- Columns of every table in one schema, as an application created them.
-- Runnable by hand: psql -v schema=public -f pg-existing-columns.sql (replace ? by :'schema')
SELECT c.relname AS table_name,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type_sql,
       NOT a.attnotnull AS nullable,
       pg_get_expr(d.adbin, d.adrelid) AS default_sql,
       a.attidentity <> '' AS identity,
       a.attgenerated <> '' AS generated
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
ORDER BY c.relname, a.attnum;
