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
-- During a cut-over, between SQLite's fence and this one's lifting (a few milliseconds), an
-- application write that met SQLite's fence and was retried here at once would fail. While
-- `opening` is set (from cut-over's PostgreSQL commit until it lifts the fence or gives up), such
-- a write waits up to 5 s for the fence to lift, as a SQLite write waits out the lock, and then
-- goes through, or fails as before. It can only pass once the lifting committed, which comes after
-- SQLite's fence: the two sides are still never writable together. (A REPEATABLE READ transaction
-- does not see the lifting; it waits its 5 s and fails.)
ALTER TABLE sqlite2pg.fence ADD COLUMN IF NOT EXISTS opening boolean NOT NULL DEFAULT false;
CREATE OR REPLACE FUNCTION sqlite2pg.fence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fenced boolean;
  opening boolean;
  waited integer := 0;
BEGIN
  IF coalesce(current_setting('sqlite2pg.applying', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  LOOP
    SELECT f.active, f.opening INTO fenced, opening
      FROM sqlite2pg.fence f WHERE f.target_schema = TG_TABLE_SCHEMA;
    IF NOT coalesce(fenced, true) THEN
      RETURN NULL;
    END IF;
    EXIT WHEN NOT coalesce(opening, false) OR waited >= 1000;
    PERFORM pg_sleep(0.005);
    waited := waited + 1;
  END LOOP;
  IF coalesce(opening, false) THEN
    RAISE EXCEPTION 'sqlite2pg: % is not live yet: a cut-over is under way and did not finish within 5 s (sqlite2pg cutover --resume finishes it)', TG_TABLE_NAME
      USING ERRCODE = '55000';
  END IF;
  RAISE EXCEPTION 'sqlite2pg: % is not live yet; the application writes to SQLite until cut-over', TG_TABLE_NAME
    USING ERRCODE = '55000';
END $$;
