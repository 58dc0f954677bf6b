-- A shop about to move its writes: stock keyed by text (WITHOUT ROWID) and orders with an
-- AUTOINCREMENT key, so that PostgreSQL's identity must start past SQLite's sqlite_sequence
-- after the cut-over. An order's token is the application's own name for it, deliberately not
-- UNIQUE: a write applied twice would show as two rows.
PRAGMA journal_mode = WAL;
CREATE TABLE stock (sku TEXT PRIMARY KEY, qty INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL,
  sku TEXT NOT NULL REFERENCES stock(sku), qty INTEGER NOT NULL, placed_at TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO stock SELECT 'SKU-' || i, 1000000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO orders (token, sku, qty, placed_at)
  SELECT 'seed-' || i, 'SKU-' || (1 + i % 100), 1, '2024-05-01 10:00:00' FROM n;
