-- Post-data of the baselines once both tables are loaded and keyed: the foreign key into the
-- big table (validated, as sqlite2pg does when the rows satisfy it) and the identity sequences
-- past max(id).
ALTER TABLE alerts ADD FOREIGN KEY (reading_id) REFERENCES readings (id);
SELECT setval(pg_get_serial_sequence('readings', 'id'), max(id)) FROM readings;
SELECT setval(pg_get_serial_sequence('alerts', 'id'), max(id)) FROM alerts;
