-- Stands for: SQL written by people used to SQL Server's + for strings, which SQLite accepts
-- (it turns both sides into numbers).
SELECT 'Order ' + id FROM orders; -- expect: string-plus
SELECT 'a' || 'b', 1 + 2 FROM orders;
