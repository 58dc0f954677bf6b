// Stands for: pagination code that asks SQLite for "all rows from an offset" with LIMIT -1.
const rest = db.prepare('SELECT * FROM items ORDER BY id LIMIT -1 OFFSET ?').all(n); // expect: limit-minus-one, qmark-placeholder
const note = 'LIMIT -1 means no limit'; // not SQL
