-- The PostgreSQL fence during sync (../shared/design/zero-downtime.md, 3.4 step 6): until
-- cut-over the application writes to SQLite, so a write to a migrated table is refused unless
-- it comes from sync's own apply session, which sets sqlite2pg.applying for its transaction. A
-- premature, partial switch of the application then fails loudly instead of splitting the data.
-- It guards against mistakes, not against a hostile client (any session may set the flag).
CREATE SCHEMA IF NOT EXISTS sqlite2pg;
CREATE OR REPLACE FUNCTION sqlite2pg.fence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('sqlite2pg.applying', true), '') <> 'on' THEN
    RAISE EXCEPTION 'sqlite2pg: % is not live yet; the application writes to SQLite until cut-over', TG_TABLE_NAME
      USING ERRCODE = '55000';
  END IF;
  RETURN NULL;
END $$;
