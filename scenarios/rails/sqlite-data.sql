-- Rows as ActiveRecord 7.0 writes them through the sqlite3 adapter:
--   * booleans as 1 and 0: Rails 5.2 deprecated 't'/'f' (represent_boolean_as_integer), 6.0 made
--     1/0 the only representation ("`.represent_boolean_as_integer=` is now always true",
--     https://apidock.com/rails/v6.0.0/ActiveRecord/ConnectionAdapters/SQLite3Adapter/represent_boolean_as_integer%3D/class);
--   * datetime(6) as 'YYYY-MM-DD HH:MM:SS.ffffff' text in UTC (default_timezone :utc, quoted_date);
--   * time as '2000-01-01 HH:MM:SS[.ffffff]' text (SQLite3::Quoting#quoted_time:
--     value.change(year: 2000, month: 1, day: 1), the date kept);
--   * BigDecimal as a float (SQLite3 type_cast of a BigDecimal is bd.to_f), into NUMERIC affinity;
--   * json as its JSON text; binary as a blob (quoted_binary x'..').
INSERT INTO users (id, email, name, admin, balance, born_on, wakes_at, settings, avatar, login_count, created_at, updated_at) VALUES
 (1, 'admin@example.com', 'Admin', 1, 12345678.99, '1970-01-01', '2000-01-01 07:30:00', '{"theme":"dark","langs":["en","fr"]}', x'89504e470d0a1a0a00', 42, '2024-01-01 09:00:00.123456', '2024-06-30 23:59:59.999999'),
 (2, 'ünï@example.com', 'Zoë Ünïcödé 日本語 🎉', 0, -12345678.99, '0001-01-01', '2000-01-01 00:00:00', '{"nested":{"a":[1,2.5,null,true]},"ü":"🎉"}', x'', 0, '1970-01-01 00:00:00.000000', '1970-01-01 00:00:00.000001'),
 (3, 'max@example.com', 'x', 0, 0.01, '9999-12-31', '2000-01-01 23:59:59.999999', 'null', NULL, NULL, '9999-12-31 23:59:59.999999', '2024-02-29 12:00:00.500000'),
 (4, 'nulls@example.com', NULL, 1, NULL, NULL, NULL, NULL, NULL, 0, '2000-02-29 00:00:00.000000', '2000-02-29 00:00:00.000000'),
 (5, 'zero@example.com', '', 0, 0, '2024-02-29', '2000-01-01 12:00:00.000001', '[]', x'00', 2147483647, '1969-12-31 23:59:59.999999', '2024-03-31 01:30:00.000000');
WITH RECURSIVE n(i) AS (SELECT 6 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO users (id, email, name, admin, balance, born_on, wakes_at, settings, avatar, login_count, created_at, updated_at)
SELECT i, 'user' || i || '@example.com', 'User ' || i, i % 7 = 0, round((i * 7919 % 100000) / 100.0 - 300, 2),
       date('1950-01-01', '+' || (i * 97) || ' days'), '2000-01-01 ' || time(i * 431, 'unixepoch'),
       json_object('i', i, 'even', json(CASE i % 2 WHEN 0 THEN 'true' ELSE 'false' END)),
       zeroblob(i % 5), i * 3,
       strftime('%Y-%m-%d %H:%M:%S', 1700000000 + i * 86413, 'unixepoch') || '.' || printf('%06d', i * 4999 % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', 1710000000 + i * 3607, 'unixepoch') || '.000000'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO posts (id, user_id, title, body, published, score, created_at, updated_at)
SELECT i, 1 + i % 200, 'Post ' || i || CASE i % 11 WHEN 0 THEN ' ünï 🎉' ELSE '' END,
       CASE i % 13 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'body ' || i || char(10) || 'line 2' END,
       CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN 1 ELSE 0 END,
       CASE i % 5 WHEN 0 THEN 0.1 WHEN 1 THEN -1.5e300 WHEN 2 THEN NULL ELSE i / 7.0 END,
       strftime('%Y-%m-%d %H:%M:%S', 1600000000 + i * 9973, 'unixepoch') || '.' || printf('%06d', i * 7 % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', 1600000000 + i * 9973, 'unixepoch') || '.' || printf('%06d', i * 7 % 1000000)
FROM n;
-- a deleted user and post: AUTOINCREMENT's mark (sqlite_sequence) is past the highest id left
INSERT INTO users (id, email, admin, created_at, updated_at) VALUES (250, 'gone@example.com', 0, '2024-01-01 00:00:00.000000', '2024-01-01 00:00:00.000000');
DELETE FROM users WHERE id = 250;
