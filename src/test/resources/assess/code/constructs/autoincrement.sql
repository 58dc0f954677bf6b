-- Stands for: Flask's tutorial schema.sql (id INTEGER PRIMARY KEY AUTOINCREMENT), and
-- the corpus's chinook_autoincrement.sqlite. AUTOINCREMENT in this comment is not found.
CREATE TABLE post (
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- expect: autoincrement
  note TEXT DEFAULT 'AUTOINCREMENT is only a word here'
);
