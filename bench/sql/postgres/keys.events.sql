-- Post-data for one table of the baselines, run right after its COPY (tables in parallel).
ALTER TABLE events ADD PRIMARY KEY (id);
CREATE INDEX events_at_epoch ON events (at_epoch);
ANALYZE events;
