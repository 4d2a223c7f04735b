-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.35.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. drop index idx_posts_slug
DROP INDEX "idx_posts_slug";

-- 2. [destructive] drop column posts.slug
--    loses: values of posts.slug
ALTER TABLE "posts" DROP COLUMN "slug";

COMMIT;
