// Stands for: a Go module on mattn/go-sqlite3.
module example.com/app

require github.com/mattn/go-sqlite3 v1.14.22 // expect: go-driver
