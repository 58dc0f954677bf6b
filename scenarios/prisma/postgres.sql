-- What `prisma migrate deploy` creates on PostgreSQL for schema.prisma: _prisma_migrations as the
-- PostgreSQL schema engine creates it (VARCHAR(36) id, VARCHAR(64) checksum, TIMESTAMPTZ times,
-- VARCHAR(255) migration_name, INTEGER applied_steps_count), and the migration.sql Prisma
-- generates for PostgreSQL: CREATE TYPE for the enum, TEXT, BOOLEAN, DECIMAL(65,30), BIGINT,
-- DOUBLE PRECISION, BYTEA, TIMESTAMP(3) (no zone; Prisma writes UTC), SERIAL for
-- autoincrement(), "<Model>_pkey" constraints. The deploy records both migrations itself.
CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);
-- 20240101000000_init/migration.sql
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'MODERATOR');
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "balance" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "karma" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "rating" DOUBLE PRECISION,
    "publishedAt" TIMESTAMP(3),
    "authorId" TEXT NOT NULL,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- 20240201000000_post_cover/migration.sql
ALTER TABLE "Post" ADD COLUMN "cover" BYTEA;
INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES
 ('0b0e9f5e-3c1d-4c59-9a53-6a1f7c2d9e01', '919aeb7d0afbe00f3f22b074d0b88bee949e41c729fb0725311aff4f5ef50d23', now(), '20240101000000_init', now(), 1),
 ('5d7c2b1a-8e4f-4a36-b0c9-2f6e1d3a7b02', 'fa58c729de06818f3ca7d05a4be8bc2d07b1eae338be4f4531e2e1d8cd7ed575', now(), '20240201000000_post_cover', now(), 1);
