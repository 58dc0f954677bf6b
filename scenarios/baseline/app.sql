-- A small notes application as a Flask tutorial builds it on SQLite (AUTOINCREMENT keys, a foreign
-- key, a view), with the defaults that trip SQL drivers: a ':name' that SQLAlchemy's text() takes
-- for a bind parameter and a '%' that psycopg2 takes for a placeholder.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  greeting TEXT NOT NULL DEFAULT 'hello :name, 100% welcome'
);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE VIEW note_counts AS SELECT user_id, count(*) AS notes FROM notes GROUP BY user_id;
INSERT INTO users (username) VALUES ('ada'), ('linus');
INSERT INTO notes (user_id, body, created_at) VALUES
  (1, 'first', '2024-05-01 10:00:00'), (1, 'second', '2024-05-02 11:30:00'),
  (2, 'hello', '2024-05-03 09:15:00');
