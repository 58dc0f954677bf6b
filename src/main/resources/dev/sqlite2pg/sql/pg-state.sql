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
  skipped_rows bigint, -- already in the target (--if-exists=skip-existing)
  copied_at timestamptz,
  PRIMARY KEY (run_id, source_table)
);
-- A large table is copied in rowid ranges, each committed with its row here.
CREATE TABLE IF NOT EXISTS sqlite2pg.chunks (
  run_id bigint NOT NULL REFERENCES sqlite2pg.runs ON DELETE CASCADE,
  source_table text NOT NULL,
  chunk_lo bigint NOT NULL,
  chunk_hi bigint NOT NULL,
  copied_rows bigint NOT NULL,
  copied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, source_table, chunk_lo)
);
-- A state schema from before skipped_rows existed gains it; checked first, since ALTER TABLE
-- would need ownership of the table even when the column is there.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'sqlite2pg.tables'::regclass
      AND attname = 'skipped_rows' AND NOT attisdropped) THEN
    ALTER TABLE sqlite2pg.tables ADD COLUMN skipped_rows bigint;
  END IF;
END $$;
