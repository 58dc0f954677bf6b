-- sqlite2pg's own state in the target: one row per run, one per table of the run. A table's row
-- is marked copied in the same transaction that commits its rows, so after any crash the state
-- says exactly what is in the target.
CREATE SCHEMA IF NOT EXISTS sqlite2pg;
CREATE TABLE IF NOT EXISTS sqlite2pg.runs (
  run_id bigserial PRIMARY KEY,
  target_schema text NOT NULL,
  fingerprint text NOT NULL,
  fingerprint_detail text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status text NOT NULL DEFAULT 'running'
);
CREATE TABLE IF NOT EXISTS sqlite2pg.tables (
  run_id bigint NOT NULL REFERENCES sqlite2pg.runs ON DELETE CASCADE,
  source_table text NOT NULL,
  target_table text NOT NULL,
  copied_rows bigint,
  copied_at timestamptz,
  PRIMARY KEY (run_id, source_table)
);
