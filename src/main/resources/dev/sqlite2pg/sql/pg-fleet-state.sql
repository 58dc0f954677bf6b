-- A fleet of SQLite files loaded by one command, maybe on many machines (--shard): one row per
-- merged schema, one per file. A file's row is 'done' only after its rows are in (and, merged,
-- its tables' fingerprints recorded), so --resume skips exactly the files that need nothing more,
-- and the last shard to finish knows it is the last.
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
-- A merged fleet's file, each table's fingerprint as its source had it (the snapshot the copy
-- read): the run that finishes the fleet compares them with the target's, grouped by tenant, in
-- one pass per table, whatever shard loaded the file.
CREATE TABLE IF NOT EXISTS sqlite2pg.fleet_tables (
  target_schema text NOT NULL,
  unit text NOT NULL,
  source_table text NOT NULL,
  target_table text NOT NULL,
  source_rows bigint NOT NULL, -- rows in the file's table
  expected_rows bigint NOT NULL, -- of those, the rows whose values convert (the rest rejected)
  sum1 bigint NOT NULL,
  sum2 bigint NOT NULL,
  PRIMARY KEY (target_schema, unit, source_table)
);
