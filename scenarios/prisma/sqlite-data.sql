-- Rows as Prisma Client writes them through its native SQLite connector:
--   * DateTime as INTEGER milliseconds since the epoch, UTC ("what we are currently using in our
--     native SQLite connector ... is the integer number of milliseconds since Unix epoch",
--     https://github.com/prisma/prisma/issues/25948 ; also prisma/prisma#3084), except where a
--     row took the column's DEFAULT CURRENT_TIMESTAMP, SQLite's 'YYYY-MM-DD HH:MM:SS' text, which
--     Prisma reads as well (prisma/prisma-engines#1564, prisma/quaint#243);
--   * Boolean as 1/0; enums as their name (TEXT); Decimal into a DECIMAL (NUMERIC affinity)
--     column; BigInt as INTEGER; Bytes as BLOB; ids from cuid() (25 characters, 'c' first).
INSERT INTO "User" (id, email, name, role, active, balance, karma, "createdAt", "updatedAt") VALUES
 ('clr0000000000000000000001', 'admin@example.com', 'Admin', 'ADMIN', 1, 1234.5, 9223372036854775807, 1704067200000, 1704067200001),
 ('clr0000000000000000000002', 'ünï@example.com', 'Zoë 日本語 🎉', 'MODERATOR', 0, -0.01, -9223372036854775808, 0, -1),
 ('clr0000000000000000000003', 'max@example.com', NULL, 'USER', 1, 0, 0, 253402300799999, -62135596800000),
 ('clr0000000000000000000004', 'frac@example.com', '', 'USER', 1, 99999999999.123, 42, 1709210096789, 1709210096789);
-- a row written by raw SQL that took the DATETIME column's default (text, not milliseconds)
INSERT INTO "User" (id, email, "updatedAt") VALUES ('clr0000000000000000000005', 'raw@example.com', 1714557600000);
UPDATE "User" SET "createdAt" = '2024-05-01 10:00:00' WHERE id = 'clr0000000000000000000005';
WITH RECURSIVE n(i) AS (SELECT 6 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
INSERT INTO "User" (id, email, name, role, active, balance, karma, "createdAt", "updatedAt")
SELECT 'clr' || printf('%022d', i), 'user' || i || '@example.com', 'User ' || i,
       CASE i % 3 WHEN 0 THEN 'USER' WHEN 1 THEN 'ADMIN' ELSE 'MODERATOR' END, i % 4 <> 0,
       round((i * 7919 % 1000000) / 100.0, 2), i * 1000003, 1700000000000 + i * 86413123, 1710000000000 + i * 3607001
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO "Post" (id, title, content, published, rating, cover, "publishedAt", "authorId")
SELECT i, 'Post ' || i || CASE i % 11 WHEN 0 THEN ' ünï 🎉' ELSE '' END,
       CASE i % 13 WHEN 0 THEN NULL ELSE 'content ' || i END, i % 2,
       CASE i % 5 WHEN 0 THEN 0.1 WHEN 1 THEN 1.5e300 WHEN 2 THEN NULL WHEN 3 THEN 5e-324 ELSE i / 7.0 END,
       CASE i % 4 WHEN 0 THEN NULL ELSE zeroblob(i % 3) END,
       CASE i % 6 WHEN 0 THEN NULL ELSE 1600000000000 + i * 99730071 END,
       CASE WHEN i <= 5 THEN 'clr000000000000000000000' || i ELSE 'clr' || printf('%022d', 6 + i % 145) END
FROM n;
-- a deleted post: AUTOINCREMENT's mark (sqlite_sequence) is past the highest id left
INSERT INTO "Post" (id, title, "authorId") VALUES (400, 'gone', 'clr0000000000000000000001');
DELETE FROM "Post" WHERE id = 400;
