-- Columns of one table, hidden and generated ones included (hidden: 2 = VIRTUAL, 3 = STORED).
SELECT cid, name, type, "notnull", dflt_value, pk, hidden
FROM pragma_table_xinfo(?)
ORDER BY cid;
