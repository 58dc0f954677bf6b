-- What `bin/rails db:migrate` (Rails 7.0, sqlite3 adapter) leaves in a SQLite file for the
-- migrations 20240101000001_create_users and 20240101000002_create_posts (db/schema.rb:
-- create_table :users / :posts with t.timestamps), written out because Ruby and Rails are not
-- installable from Debian 12's packages here. Table DDL as the sqlite3 adapter renders it:
--   * schema_migrations(version varchar PRIMARY KEY) and ar_internal_metadata(key varchar PK,
--     value varchar, created_at/updated_at datetime(6) NOT NULL): ActiveRecord::SchemaMigration
--     and ActiveRecord::InternalMetadata, Rails 7.0;
--   * an integer primary key is "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL;
--   * t.timestamps is datetime(6) NOT NULL (precision 6 is the default since Rails 7.0);
--   * t.references ... foreign_key: true is an index plus CONSTRAINT "fk_rails_<hash>".
CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "ar_internal_metadata" ("key" varchar NOT NULL PRIMARY KEY, "value" varchar, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE TABLE IF NOT EXISTS "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar NOT NULL, "name" varchar(100), "admin" boolean DEFAULT 0 NOT NULL, "balance" decimal(10,2), "born_on" date, "wakes_at" time, "settings" json, "avatar" blob, "login_count" integer DEFAULT 0, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");
CREATE TABLE IF NOT EXISTS "posts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "title" varchar, "body" text, "published" boolean, "score" float, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, CONSTRAINT "fk_rails_5b5ddfd518" FOREIGN KEY ("user_id") REFERENCES "users" ("id"));
CREATE INDEX "index_posts_on_user_id" ON "posts" ("user_id");
INSERT INTO "schema_migrations" ("version") VALUES ('20240101000001'), ('20240101000002');
INSERT INTO "ar_internal_metadata" ("key", "value", "created_at", "updated_at") VALUES ('environment', 'production', '2024-01-01 09:00:00.000001', '2024-01-01 09:00:00.000001');
