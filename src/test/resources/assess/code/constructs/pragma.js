// Stands for: better-sqlite3's README ("db.pragma('journal_mode = WAL')") and its benchmark's
// seed.js, which reads PRAGMA table_info; node-sqlite3's db.run('PRAGMA foreign_keys = ON').
const Database = require('better-sqlite3'); // expect: js-driver
const db = new Database(process.env.DB_FILE);
db.pragma('journal_mode = WAL'); // expect: js-pragma-call
db.exec('PRAGMA foreign_keys = ON'); // expect: pragma
const cols = db.prepare(`PRAGMA table_info(${name})`).all(); // expect: pragma-introspection
const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(); // expect: sqlite-catalog
const re = /'PRAGMA journal_mode'/g; // a regular expression holding quotes: not a string
console.log('set PRAGMA journal_mode to WAL for speed'); // a message, not SQL
/* db.exec('PRAGMA synchronous = OFF') */
const ins = db.prepare(`INSERT INTO t VALUES (${cols.map((c) => '@' + c).join(', ')})`); // code inside ${}: not SQL
