-- A fleet of SQLite files loaded by one command, maybe on many machines (--shard): one row per
-- merged schema, one per file. A file's row is 'done' only after its rows are in and verified, so
-- --resume skips exactly the files that need nothing more, and the last shard to finish knows it
-- is the last.
CREATE SCHEMA IF NOT EXISTS sqlite2pg;
CREATE TABLE IF NOT EXISTS sqlite2pg.fleets (
  target_schema text PRIMARY KEY,
  tenant_column text NOT NULL,
  fingerprint text NOT NULL,
  files integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  keys_at timestamptz
);
CREATE TABLE IF NOT EXISTS sqlite2pg.fleet_files (
  target_schema text NOT NULL, -- the merged schema; '' when each file has its own
  unit text NOT NULL,          -- the file's tenant, or its schema
  file text NOT NULL,
  fingerprint text NOT NULL,
  status text NOT NULL,        -- running, done, failed
  copied_rows bigint,
  exit_code integer,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (target_schema, unit)
);
