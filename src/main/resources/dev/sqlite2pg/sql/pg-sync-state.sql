-- Sync's progress in the target (../shared/design/zero-downtime.md, 3.4): the highest changelog
-- id applied, committed in the same transaction as the rows it brought, so after any crash the
-- state says exactly which changes the target holds. One row per target schema.
CREATE SCHEMA IF NOT EXISTS sqlite2pg;
CREATE TABLE IF NOT EXISTS sqlite2pg.sync_state (
  target_schema text PRIMARY KEY,
  applied bigint NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  source_ts bigint,
  boundary bigint,
  started_at timestamptz NOT NULL DEFAULT now(),
  -- The last `sync verify` (design 3.6): the change id it compared at, when, and whether
  -- PostgreSQL was equal there. Cut-over (issue 13) will require a recent equal one.
  verified_position bigint,
  verified_at timestamptz,
  verified_equal boolean
);
-- Per source table: changes applied (for sync status and the metrics), and, when apply is
-- paused for the table (a schema change it cannot follow, design 3.5), why; NULL while it follows.
CREATE TABLE IF NOT EXISTS sqlite2pg.sync_tables (
  target_schema text NOT NULL,
  source_table text NOT NULL,
  applied_changes bigint NOT NULL DEFAULT 0,
  paused text,
  resynced_at timestamptz,
  PRIMARY KEY (target_schema, source_table)
);
-- Cut-over (design 3.7): 'sync' while the application writes to SQLite; 'cutting-over' once the
-- drain, the sequences and the foreign keys are committed here, before SQLite's commit decides;
-- 'cut-over' once SQLite is fenced and this side's fence is lifted. What a recovery reads.
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS phase text NOT NULL DEFAULT 'sync';
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS cutover_position bigint;
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS cutover_drained bigint;
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS cutover_at timestamptz;
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS cutover_lock_ms double precision;
-- The foreign keys cut-over added NOT VALID: 'validating', 'valid', or what violates them.
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS foreign_keys text;
-- Rollback (design 3.8): 'rolling-back' once PostgreSQL is fenced again and its changes are in
-- SQLite (PostgreSQL's commit decides), back to 'sync' once SQLite takes the writes again;
-- when the last rollback was decided.
ALTER TABLE sqlite2pg.sync_state ADD COLUMN IF NOT EXISTS rollback_at timestamptz;
