-- The benchmark's synthetic source database: deterministic, every value derived from the row
-- number. Run as: sqlite3 -cmd '.parameter set @n 500000' new.db < bench/sql/generate.sql
-- @n is the total number of rows over the four tables (5% accounts, 30% orders, 40% order
-- items, the rest events); at @n = 5,000,000 the file is about 800 MB.
-- The values carry what real application databases hold and what breaks naive loaders: text
-- of 50 to 200 characters with tabs, CR/LF, backslashes, quotes, commas and non-BMP
-- characters; '' beside NULL; ~100-byte BLOBs of every byte value; NUMERIC(12,2) money;
-- BOOLEAN 0/1; ISO DATETIME text (space and T forms, with milliseconds); Unix-time integers.
-- REALs are k/100 or k/1000, so that their 15-digit text (sqlite3 -csv) reads back exactly and
-- the CSV baselines load the same values as sqlite2pg.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = OFF;

CREATE TABLE accounts (
  id          INTEGER PRIMARY KEY,                 -- rowid alias
  email       TEXT,                                -- NULL, '' or an address
  name        TEXT NOT NULL,
  balance     NUMERIC(12,2) NOT NULL,
  active      BOOLEAN NOT NULL,
  created_at  DATETIME NOT NULL,                   -- 'YYYY-MM-DD HH:MM:SS'
  bio         TEXT                                 -- 50-200 characters of hazards
);
CREATE TABLE orders (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id    INTEGER NOT NULL REFERENCES accounts(id),
  total         NUMERIC(12,2) NOT NULL,
  weight_kg     REAL,
  paid          BOOLEAN NOT NULL,
  ordered_at    DATETIME NOT NULL,                 -- 'YYYY-MM-DDTHH:MM:SS.SSS'
  shipped_epoch INTEGER,                           -- Unix seconds, NULL when not shipped
  note          TEXT                               -- NULL, '' or 50-200 characters
);
CREATE TABLE order_items (
  order_id    INTEGER NOT NULL REFERENCES orders(id),
  line_no     INTEGER NOT NULL,
  sku         TEXT NOT NULL,
  quantity    INTEGER NOT NULL,
  unit_price  REAL NOT NULL,
  discount    NUMERIC(12,2),
  payload     BLOB,                                -- 90-110 bytes
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  at_epoch    INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  score       REAL,
  message     TEXT NOT NULL,
  attachment  BLOB
);

CREATE TEMP TABLE sizes AS SELECT
  max(1, @n / 20) AS n_accounts,
  max(1, @n * 3 / 10) AS n_orders,
  max(1, @n * 2 / 5) AS n_items;
CREATE TEMP TABLE pool AS SELECT
  -- 40 segments of ~70 characters; substr() counts characters, so it never splits the emoji
  replace(hex(zeroblob(10)), '00',
      'Lorem ipsum dolor sit amet, "quoted" it''s' || char(9) || 'tab' || char(10) || 'line' ||
      ' C:\temp\new' || char(13, 10) || char(128512) || ' naïve café ' || char(66376) ||
      ' 中文 \N ; ' ||
      'consectetur, adipiscing "elit"' || char(9) || char(9) || 'sed do eiusmod \\ tempor ' ||
      char(128169) || char(10) || 'incididunt ut labore et dolore magna aliqua. ') AS t,
  x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff' AS b;

INSERT INTO accounts
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c, sizes WHERE i < sizes.n_accounts)
SELECT i,
       CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'user' || i || '@example.com' END,
       'Name ' || i || ' ' || substr(pool.t, 1 + i % 97, 12),
       (i * 7919 % 100000000 - 40000000) / 100.0,
       i % 3 <> 0,
       strftime('%Y-%m-%d %H:%M:%S', 1500000000 + i * 61, 'unixepoch'),
       substr(pool.t, 1 + i * 7 % 500, 50 + i * 13 % 151)
FROM c, pool;

INSERT INTO orders
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c, sizes WHERE i < sizes.n_orders)
SELECT i,
       1 + i * 31 % sizes.n_accounts,
       (i * 104729 % 10000000) / 100.0,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 37 % 50000) / 1000.0 END,
       i % 4 <> 0,
       strftime('%Y-%m-%dT%H:%M:%f', 1550000000 + i * 17 + (i % 1000) / 1000.0, 'unixepoch'),
       CASE WHEN i % 7 = 0 THEN NULL ELSE 1550000000 + i * 17 + 86400 * (1 + i % 9) END,
       CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE substr(pool.t, 1 + i * 11 % 500, 50 + i * 17 % 151) END
FROM c, sizes, pool;

INSERT INTO order_items
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c, sizes WHERE i < min(sizes.n_items, 2 * sizes.n_orders))
SELECT (i + 1) / 2,
       2 - i % 2,
       'SKU-' || printf('%08d', i * 7 % 99999989),
       1 + i % 12,
       (i * 613 % 1000000) / 100.0,
       CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 5000) / 100.0 END,
       CASE WHEN i % 13 = 0 THEN NULL ELSE substr(pool.b, 1 + i % 256, 90 + i % 21) END
FROM c, sizes, pool;

INSERT INTO events
WITH RECURSIVE c(i) AS (
  SELECT 1 UNION ALL SELECT i + 1 FROM c
  WHERE i < max(0, @n - (SELECT n_accounts + n_orders + min(n_items, 2 * n_orders) FROM sizes)))
SELECT i,
       1600000000 + i * 3 + i % 5,
       CASE i % 4 WHEN 0 THEN 'click' WHEN 1 THEN 'view' WHEN 2 THEN 'purchase' ELSE 'error' END,
       CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 7 % 200001 - 100000) / 1000.0 END,
       substr(pool.t, 1 + i * 3 % 500, 50 + i * 29 % 151),
       CASE WHEN i % 2 = 0 THEN NULL ELSE substr(pool.b, 1 + i * 5 % 256, 90 + i % 21) END
FROM c, pool
WHERE (SELECT @n - (n_accounts + n_orders + min(n_items, 2 * n_orders)) FROM sizes) > 0;

CREATE INDEX orders_account_id ON orders(account_id);
CREATE INDEX events_at_epoch ON events(at_epoch);
