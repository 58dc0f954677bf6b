-- Stands for: data-cleaning queries that find values of the wrong storage class, as
-- sqlite2pg's own planner does (the corpus's duckdb_mixed_data_numeric.db needs it).
SELECT count(*) FROM t WHERE typeof(price) = 'text'; -- expect: typeof
SELECT 'typeof(x) inside a literal is not a call';
/* typeof(price) in a block comment */
