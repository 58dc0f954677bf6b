// Stands for: Express apps that create their schema at start-up with CREATE TABLE IF NOT EXISTS
// (node-sqlite3's README does).
function initDb(db) { // expect: init-db-function
  db.run(`CREATE TABLE IF NOT EXISTS users ( -- expect: schema-in-code
    id INTEGER PRIMARY KEY, -- expect: integer-primary-key
    name TEXT
  )`);
  db.run('CREATE TEMP TABLE scratch (x)');
}
