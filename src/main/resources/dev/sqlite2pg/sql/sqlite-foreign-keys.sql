-- Foreign keys of one table, one row per column pair.
SELECT id, seq, "table", "from", "to", on_update, on_delete
FROM pragma_foreign_key_list(?)
ORDER BY id, seq;
