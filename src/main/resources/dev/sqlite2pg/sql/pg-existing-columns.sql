-- Columns of every table in one schema, as an application created them, with what the copy needs
-- to know about each type: a domain's base type (Rails and hand-written schemas use domains), an
-- enum's labels in order (SQLAlchemy's sa.Enum creates the type), an array's element type.
-- Runnable by hand: psql -v schema=public -f pg-existing-columns.sql (replace ? by :'schema')
SELECT c.relname AS table_name,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type_sql,
       NOT a.attnotnull AS nullable,
       pg_get_expr(d.adbin, d.adrelid) AS default_sql,
       a.attidentity <> '' AS identity,
       a.attgenerated <> '' AS generated,
       CASE WHEN t.typtype = 'd' THEN format_type(base.oid, base.typmod) END AS domain_base_sql,
       (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
          FROM pg_enum e WHERE e.enumtypid = b.oid) AS enum_labels,
       CASE WHEN b.typcategory = 'A' AND b.typelem <> 0
            THEN format_type(b.typelem, coalesce(base.typmod, a.atttypmod))
       END AS element_sql
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
-- A domain's base type, through domains over domains; the innermost typmod that is set.
LEFT JOIN LATERAL (
  WITH RECURSIVE chain(oid, typmod, depth) AS (
    SELECT t.typbasetype, t.typtypmod, 1 WHERE t.typtype = 'd'
    UNION ALL
    SELECT u.typbasetype, CASE WHEN u.typtypmod <> -1 THEN u.typtypmod ELSE chain.typmod END,
           chain.depth + 1
    FROM chain JOIN pg_type u ON u.oid = chain.oid WHERE u.typtype = 'd')
  SELECT oid, typmod FROM chain ORDER BY depth DESC LIMIT 1) base ON true
JOIN pg_type b ON b.oid = coalesce(base.oid, t.oid)
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
ORDER BY c.relname, a.attnum;
