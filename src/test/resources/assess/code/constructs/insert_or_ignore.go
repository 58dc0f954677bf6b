// Stands for: go-sqlite3 applications that de-duplicate with INSERT OR IGNORE and read
// LastInsertId (which lib/pq and pgx refuse).
package store

const insertTag = `INSERT OR IGNORE INTO tags (name) VALUES ($1)` // expect: insert-or-ignore

func add(db *sql.DB, name string) (int64, error) {
	res, err := db.Exec(insertTag, name)
	if err != nil {
		return 0, fmt.Errorf("insert or ignore failed for tag %q: %w", name, err) // an error message
	}
	return res.LastInsertId() // expect: last-insert-id-api
}
