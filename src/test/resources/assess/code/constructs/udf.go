// Stands for: go-sqlite3's ConnectHook examples that register Go functions.
package store

func hook(conn *sqlite3.SQLiteConn) error {
	return conn.RegisterFunc("rev", reverse, true) // expect: user-defined-function
}

func open() (*sql.DB, error) {
	return sql.Open("sqlite3", dsn) // expect: go-sql-open
}
