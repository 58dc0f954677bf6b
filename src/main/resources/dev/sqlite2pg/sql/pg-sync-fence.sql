-- The PostgreSQL fence during sync (../shared/design/zero-downtime.md, 3.4 step 6): until
-- cut-over the application writes to SQLite, so a write to a migrated table is refused unless
-- it comes from sync's own apply session, which sets sqlite2pg.applying for its transaction. A
-- premature, partial switch of the application then fails loudly instead of splitting the data.
-- It guards against mistakes, not against a hostile client (any session may set the flag).
-- Cut-over lifts it by one row update (sqlite2pg.fence.active), not by dropping the triggers:
-- DROP TRIGGER takes an ACCESS EXCLUSIVE lock on each table, which would queue the application
-- behind any open read at the very moment it switches. A schema with no row is fenced.
CREATE SCHEMA IF NOT EXISTS sqlite2pg;
CREATE TABLE IF NOT EXISTS sqlite2pg.fence (
  target_schema text PRIMARY KEY,
  active boolean NOT NULL
);
CREATE OR REPLACE FUNCTION sqlite2pg.fence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('sqlite2pg.applying', true), '') <> 'on'
     AND coalesce((SELECT active FROM sqlite2pg.fence WHERE target_schema = TG_TABLE_SCHEMA), true)
  THEN
    RAISE EXCEPTION 'sqlite2pg: % is not live yet; the application writes to SQLite until cut-over', TG_TABLE_NAME
      USING ERRCODE = '55000';
  END IF;
  RETURN NULL;
END $$;
