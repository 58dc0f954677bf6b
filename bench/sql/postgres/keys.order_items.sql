-- Post-data for one table of the baselines, run right after its COPY (tables in parallel).
ALTER TABLE order_items ADD PRIMARY KEY (order_id, line_no);
ANALYZE order_items;
