-- Tables with their kind ('table', 'view', 'virtual', 'shadow') and flags (SQLite >= 3.37).
SELECT name, type, wr, strict
FROM pragma_table_list
WHERE schema = 'main';
