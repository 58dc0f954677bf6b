-- sqlite2pg doctor: the connection slots a migration could use, for the current role in the
-- current database, not counting this session (it closes before the migration opens its own).
-- Superusers may use the slots kept by superuser_reserved_connections; reserved_connections
-- (PostgreSQL 16+, for pg_use_reserved_connections) is left to those who are granted it.
SELECT current_setting('max_connections')::int AS max_connections,
       CASE WHEN r.rolsuper THEN 0
            ELSE current_setting('superuser_reserved_connections')::int
                 + coalesce(current_setting('reserved_connections', true)::int, 0)
       END AS reserved,
       (SELECT count(*) FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) AS used,
       r.rolconnlimit AS role_limit,
       (SELECT count(*) FROM pg_stat_activity
         WHERE usename = current_user AND backend_type = 'client backend'
           AND pid <> pg_backend_pid()) AS role_used,
       d.datconnlimit AS database_limit,
       (SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend'
           AND pid <> pg_backend_pid()) AS database_used
  FROM pg_roles r, pg_database d
 WHERE r.rolname = current_user AND d.datname = current_database();
