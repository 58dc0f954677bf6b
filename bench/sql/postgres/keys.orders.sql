-- Post-data for one table of the baselines, run right after its COPY (tables in parallel).
ALTER TABLE orders ADD PRIMARY KEY (id);
CREATE INDEX orders_account_id ON orders (account_id);
ANALYZE orders;
