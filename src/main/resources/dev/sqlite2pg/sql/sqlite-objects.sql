-- Every schema object in the source, in the order SQLite created them.
-- Runnable by hand: sqlite3 -readonly app.db < sqlite-objects.sql
SELECT type, name, tbl_name, sql
FROM sqlite_schema
ORDER BY rowid;
