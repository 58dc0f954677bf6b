-- Indexes of one table; origin is 'c' (CREATE INDEX), 'u' (UNIQUE) or 'pk'.
SELECT il.name, il."unique", il.origin, il.partial, m.sql
FROM pragma_index_list(?) AS il
LEFT JOIN sqlite_schema AS m ON m.type = 'index' AND m.name = il.name
ORDER BY il.seq DESC;
