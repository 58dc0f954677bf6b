-- What `sqlite2pg sync start` adds to the application's SQLite file besides its triggers
-- (../shared/design/zero-downtime.md, 3.2); `sync stop` removes all of it. {id} is
-- "INTEGER PRIMARY KEY AUTOINCREMENT" when the file already has sqlite_sequence, else
-- "INTEGER PRIMARY KEY" (AUTOINCREMENT would leave sqlite_sequence behind for good, M22; without
-- it the highest row is never pruned, so ids are never reused, M9). {keys} is "k1, k2, ...".
-- No NOT NULL, CHECK or UNIQUE on the changelog: an application's INSERT OR IGNORE would make
-- SQLite drop a capture row that broke one, silently (M14). Key columns have no type, so each
-- key keeps the storage class it was written with.
CREATE TABLE sqlite2pg_changes (id {id}, tbl INTEGER, op INTEGER, {keys}, ts INTEGER);
CREATE TABLE sqlite2pg_tables (n INTEGER PRIMARY KEY, name TEXT, key_cols TEXT, mode TEXT);
CREATE TABLE sqlite2pg_state (k TEXT PRIMARY KEY, v);
CREATE TABLE sqlite2pg_fence (active INTEGER);
INSERT INTO sqlite2pg_fence VALUES (0);
