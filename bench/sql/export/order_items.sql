-- One table as CSV for PostgreSQL: sqlite3 -csv DB < this. NULL prints as an empty field, ''
-- as "", which is what COPY (FORMAT csv) reads back; BLOBs go as bytea hex text.
SELECT order_id, line_no, sku, quantity, unit_price, discount, CASE WHEN payload IS NOT NULL THEN '\x' || hex(payload) END FROM order_items;
