-- What `bin/rails db:migrate` (Rails 7.0, postgresql adapter) creates for the same two
-- migrations, as db/structure.sql (pg_dump) shows it: bigserial keys (create_table's default
-- primary key is bigint with a sequence), character varying without a limit unless given,
-- timestamp(6) without time zone for t.timestamps, jsonb for t.jsonb (the app's json column on
-- PostgreSQL), bytea for t.binary, numeric(10,2) for t.decimal precision: 10, scale: 2.
-- db:migrate itself records the versions and the environment, so these rows exist before any load.
CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);
CREATE TABLE ar_internal_metadata (key character varying NOT NULL PRIMARY KEY, value character varying,
    created_at timestamp(6) without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL);
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email character varying NOT NULL,
    name character varying(100),
    admin boolean DEFAULT false NOT NULL,
    balance numeric(10,2),
    born_on date,
    wakes_at time without time zone,
    settings jsonb,
    avatar bytea,
    login_count integer DEFAULT 0,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_users_on_email ON users USING btree (email);
CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    title character varying,
    body text,
    published boolean,
    score double precision,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT fk_rails_5b5ddfd518 FOREIGN KEY (user_id) REFERENCES users(id)
);
CREATE INDEX index_posts_on_user_id ON posts USING btree (user_id);
INSERT INTO schema_migrations (version) VALUES ('20240101000001'), ('20240101000002');
INSERT INTO ar_internal_metadata (key, value, created_at, updated_at) VALUES ('environment', 'production', now(), now());
