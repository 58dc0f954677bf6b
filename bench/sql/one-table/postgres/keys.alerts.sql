-- Post-data for one table of the baselines, run right after its COPY (tables in parallel).
ALTER TABLE alerts ADD PRIMARY KEY (id);
ANALYZE alerts;
