-- Post-data for one table of the baselines, run right after its COPY (tables in parallel).
ALTER TABLE readings ADD PRIMARY KEY (id);
CREATE INDEX readings_sensor_id ON readings (sensor_id);
CREATE INDEX readings_taken_at ON readings (taken_at);
ANALYZE readings;
