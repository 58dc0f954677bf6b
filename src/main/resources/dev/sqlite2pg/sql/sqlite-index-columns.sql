-- Key columns of one index; cid -2 marks an expression, -1 the rowid.
SELECT seqno, cid, name, "desc", coll
FROM pragma_index_xinfo(?)
WHERE key = 1
ORDER BY seqno;
