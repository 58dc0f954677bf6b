-- What `prisma migrate deploy` leaves in a SQLite file for schema.prisma (Prisma is not
-- installable from Debian 12's packages here, so its output is written out):
--   * _prisma_migrations exactly as the SQLite schema engine creates it
--     (prisma-engines, schema-engine/connectors/sql-schema-connector, sqlite flavour,
--     create_migrations_table), its times written as epoch milliseconds like every DateTime;
--   * the migration.sql Prisma generates for SQLite: TEXT for String, enums as TEXT (SQLite has
--     none), BOOLEAN, DECIMAL, BIGINT, REAL for Float, BLOB for Bytes, DATETIME for DateTime,
--     INTEGER PRIMARY KEY AUTOINCREMENT for @default(autoincrement()), "<Model>_<field>_key" and
--     "<Model>_<field>_fkey" names.
CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
-- 20240101000000_init/migration.sql
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'USER',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "balance" DECIMAL NOT NULL DEFAULT 0,
    "karma" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "rating" REAL,
    "publishedAt" DATETIME,
    "authorId" TEXT NOT NULL,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
-- 20240201000000_post_cover/migration.sql
ALTER TABLE "Post" ADD COLUMN "cover" BLOB;
INSERT INTO "_prisma_migrations" VALUES
 ('3a7b4531-1a52-49f1-942f-83b08b0401c2', '919aeb7d0afbe00f3f22b074d0b88bee949e41c729fb0725311aff4f5ef50d23', 1704067200123, '20240101000000_init', NULL, NULL, 1704067200100, 1),
 ('755bea58-3d58-4fc5-ad94-1996a8c1c2bd', 'fa58c729de06818f3ca7d05a4be8bc2d07b1eae338be4f4531e2e1d8cd7ed575', 1706745600456, '20240201000000_post_cover', NULL, NULL, 1706745600450, 1);
