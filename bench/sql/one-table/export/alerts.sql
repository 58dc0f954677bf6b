-- One table as CSV for PostgreSQL: sqlite3 -csv DB < this. NULL prints as an empty field, ''
-- as "", which is what COPY (FORMAT csv) reads back.
SELECT id, reading_id, level, raised_at, message FROM alerts;
