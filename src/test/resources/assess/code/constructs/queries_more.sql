-- Stands for: queries from SQLite's documentation (sqlite.org/lang_corefunc.html,
-- lang_datefunc.html, json1.html) as applications copy them, and the corpus's
-- duckdb_unsupported_view.db (unixepoch in a view).
INSERT OR ABORT INTO kv VALUES ('a', 1); -- expect: insert-or-abort
SELECT datetime(created, 'unixepoch') FROM kv; -- expect: datetime-function
SELECT date(created, '+1 day') FROM kv; -- expect: datetime-function
SELECT unixepoch() FROM kv; -- expect: unixepoch
SELECT name FROM kv WHERE name REGEXP '^a'; -- expect: regexp
SELECT iif(n > 0, 'pos', 'neg') FROM kv; -- expect: iif
SELECT instr(name, 'x') FROM kv; -- expect: instr
SELECT substr(name, -3) FROM kv; -- expect: substr-negative
SELECT printf('%.2f', price) FROM kv; -- expect: printf
SELECT total(price) FROM kv; -- expect: total
SELECT max(a, b), min(a) FROM kv; -- expect: scalar-min-max
SELECT hex(randomblob(16)); -- expect: blob-functions
SELECT abs(random()) FROM kv; -- expect: random
SELECT value FROM json_each(tags); -- expect: json-functions
SELECT changes(); -- expect: changes
SELECT * FROM kv LIMIT 10, 20; -- expect: limit-comma
SELECT * FROM kv WHERE name = "bob"; -- expect: double-quoted-string
SELECT * FROM kv WHERE n == 1; -- expect: double-equals
SELECT * FROM kv WHERE parent IS 3; -- expect: is-value
SELECT * FROM kv WHERE parent IS NOT NULL AND k IS NOT DISTINCT FROM v;
SELECT * FROM "kv" WHERE "kv"."k" = 'a' AND [k] = 'b'; -- expect: quoted-name
PRAGMA index_list(kv); -- expect: pragma-introspection
SELECT seq FROM sqlite_sequence; -- expect: sqlite-catalog
