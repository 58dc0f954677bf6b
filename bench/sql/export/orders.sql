-- One table as CSV for PostgreSQL: sqlite3 -csv DB < this. NULL prints as an empty field, ''
-- as "", which is what COPY (FORMAT csv) reads back; BLOBs go as bytea hex text.
SELECT id, account_id, total, weight_kg, paid, ordered_at, shipped_epoch, note FROM orders;
