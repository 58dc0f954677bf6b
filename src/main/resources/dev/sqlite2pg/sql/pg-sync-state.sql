-- Sync's progress in the target (../shared/design/zero-downtime.md, 3.4): the highest changelog
-- id applied, committed in the same transaction as the rows it brought, so after any crash the
-- state says exactly which changes the target holds. One row per target schema.
CREATE SCHEMA IF NOT EXISTS sqlite2pg;
CREATE TABLE IF NOT EXISTS sqlite2pg.sync_state (
  target_schema text PRIMARY KEY,
  applied bigint NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  source_ts bigint
);
