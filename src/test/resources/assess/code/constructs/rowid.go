// Stands for: Go code that uses SQLite's rowid as a key (mattn/go-sqlite3 examples).
package store

func last(db *sql.DB) *sql.Row {
	return db.QueryRow("SELECT rowid, name FROM foo ORDER BY rowid DESC LIMIT 1") // expect: rowid
}

var msg = "rowid not found" // not SQL
// SELECT rowid FROM foo (comment)
