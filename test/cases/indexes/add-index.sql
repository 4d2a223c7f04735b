-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create index idx_posts_author_created on posts
CREATE INDEX "idx_posts_author_created" ON "posts" ("author", "created" DESC);

COMMIT;
