-- Post-data for one table of the baselines, run right after its COPY (tables in parallel).
ALTER TABLE accounts ADD PRIMARY KEY (id);
ANALYZE accounts;
