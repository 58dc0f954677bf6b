-- AUTOINCREMENT high-water marks (sqlite_sequence exists only once such a table was created).
SELECT name, seq FROM sqlite_sequence;
