-- Stands for: reports that compute ratios (hits / total) on columns SQLite stored as REAL.
SELECT hits / total AS ratio FROM stats; -- expect: integer-division
SELECT '1/2' FROM stats;
