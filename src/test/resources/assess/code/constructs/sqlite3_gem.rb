# Stands for: Ruby scripts on the sqlite3 gem (SQLite3::Database.new, last_insert_row_id).
require "sqlite3" # expect: ruby-driver
db = SQLite3::Database.new("app.db") # expect: ruby-sqlite3-api, sqlite-file-path
db.execute("INSERT INTO t (x) VALUES (1)")
id = db.last_insert_row_id # expect: last-insert-id-api
note = %q(SQLite3::Database is the gem's class) # a plain string
