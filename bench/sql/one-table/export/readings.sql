-- One table as CSV for PostgreSQL: sqlite3 -csv DB < this. NULL prints as an empty field, ''
-- as "", which is what COPY (FORMAT csv) reads back; BLOBs go as bytea hex text.
SELECT id, sensor_id, taken_at, value, status, note, CASE WHEN raw IS NOT NULL THEN '\x' || hex(raw) END FROM readings;
