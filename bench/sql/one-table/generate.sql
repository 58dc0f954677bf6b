-- The benchmark's one-table source (bench/run.sh --one-table): one big table of @n rows with
-- two secondary indexes, and a small second table (@n / 1000 rows) with a foreign key into it,
-- so that a load builds the big table's primary key and two indexes and validates one foreign
-- key against it: where a migration of one large table spends its post-data time.
-- Run as: sqlite3 -cmd '.parameter set @n 300000' new.db < bench/sql/one-table/generate.sql
-- Deterministic, every value derived from the row number; the same hazards as
-- bench/sql/generate.sql (text with tabs, CR/LF, backslashes, quotes, commas and non-BMP
-- characters; '' beside NULL; BLOBs of every byte value; ISO DATETIME text), at about 150 bytes
-- a row. REALs are k/1000, so that their 15-digit text (sqlite3 -csv) reads back exactly.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = OFF;

CREATE TABLE readings (
  id          INTEGER PRIMARY KEY,                 -- rowid alias
  sensor_id   INTEGER NOT NULL,                    -- secondary index 1
  taken_at    DATETIME NOT NULL,                   -- secondary index 2: 'YYYY-MM-DD HH:MM:SS.SSS'
  value       REAL,                                -- NULL for 1 row in 13
  status      TEXT NOT NULL,                       -- a few short words
  note        TEXT,                                -- NULL, '' or 10-90 characters of hazards
  raw         BLOB                                 -- NULL or 16-48 bytes
);
CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  reading_id  INTEGER NOT NULL REFERENCES readings(id),
  level       TEXT NOT NULL,
  raised_at   DATETIME NOT NULL,
  message     TEXT
);

CREATE TEMP TABLE sizes AS SELECT max(1, @n) AS n_readings, max(1, @n / 1000) AS n_alerts;
CREATE TEMP TABLE pool AS SELECT
  -- the same segments as bench/sql/generate.sql; substr() counts characters
  replace(hex(zeroblob(10)), '00',
      'Lorem ipsum dolor sit amet, "quoted" it''s' || char(9) || 'tab' || char(10) || 'line' ||
      ' C:\temp\new' || char(13, 10) || char(128512) || ' naïve café ' || char(66376) ||
      ' 中文 \N ; ' ||
      'consectetur, adipiscing "elit"' || char(9) || char(9) || 'sed do eiusmod \\ tempor ' ||
      char(128169) || char(10) || 'incididunt ut labore et dolore magna aliqua. ') AS t,
  x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff' AS b;

INSERT INTO readings
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c, sizes WHERE i < sizes.n_readings)
SELECT i,
       1 + i * 7919 % 5003,                        -- 5,003 sensors, not in id order
       strftime('%Y-%m-%d %H:%M:%f', 1600000000 + i * 2 + (i * 37 % 1000) / 1000.0, 'unixepoch'),
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 104729 % 2000001 - 1000000) / 1000.0 END,
       CASE i % 6 WHEN 0 THEN 'ok' WHEN 1 THEN 'ok' WHEN 2 THEN 'ok' WHEN 3 THEN 'drift'
                  WHEN 4 THEN 'stale' ELSE 'out of range' END,
       CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE substr(pool.t, 1 + i * 11 % 500, 10 + i * 17 % 81) END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE substr(pool.b, 1 + i % 256, 16 + i % 33) END
FROM c, pool;

INSERT INTO alerts
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c, sizes WHERE i < sizes.n_alerts)
SELECT i,
       1 + (i * 999983) % sizes.n_readings,
       CASE i % 3 WHEN 0 THEN 'info' WHEN 1 THEN 'warning' ELSE 'critical' END,
       strftime('%Y-%m-%d %H:%M:%S', 1600000000 + i * 2000, 'unixepoch'),
       CASE WHEN i % 5 = 0 THEN NULL ELSE substr(pool.t, 1 + i * 7 % 500, 20 + i % 60) END
FROM c, sizes, pool;

CREATE INDEX readings_sensor_id ON readings(sensor_id);
CREATE INDEX readings_taken_at ON readings(taken_at);
