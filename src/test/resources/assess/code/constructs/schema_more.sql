-- Stands for: the DDL SQLite applications ship in schema files: the corpus's
-- duckdb_norowid.db (WITHOUT ROWID), duckdb_fts.db (an FTS virtual table), Flask's
-- tutorial (a table named user), Anki-style COLLATE NOCASE, and triggers with bodies.
CREATE TABLE user ( -- expect: reserved-name
  id INTEGER PRIMARY KEY, -- expect: integer-primary-key
  name TEXT COLLATE NOCASE UNIQUE ON CONFLICT REPLACE, -- expect: collate-nocase, conflict-clause
  born DATETIME, -- expect: sqlite-only-type
  photo BLOB NOT NULL, -- expect: sqlite-only-type
  score REAL DEFAULT 0, -- expect: real-type
  `legacy name` TEXT -- expect: quoted-name
) STRICT; -- expect: without-rowid
CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID; -- expect: without-rowid
CREATE VIRTUAL TABLE docs USING fts5(body); -- expect: virtual-table
CREATE TRIGGER touch AFTER UPDATE ON kv BEGIN -- expect: trigger-body
  UPDATE kv SET v = v WHERE k = new.k;
END;
BEGIN IMMEDIATE; -- expect: begin-mode
ATTACH DATABASE 'archive.db' AS archive; -- expect: attach-database
SELECT * FROM docs WHERE docs MATCH 'sqlite'; -- expect: virtual-table
SELECT * FROM kv INDEXED BY sqlite_autoindex_kv_1; -- expect: indexed-by, sqlite-catalog
