-- One table as CSV for PostgreSQL: sqlite3 -csv DB < this. NULL prints as an empty field, ''
-- as "", which is what COPY (FORMAT csv) reads back; BLOBs go as bytea hex text.
SELECT id, at_epoch, kind, score, message, CASE WHEN attachment IS NOT NULL THEN '\x' || hex(attachment) END FROM events;
