-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.25.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. rename column authors.aid to id
ALTER TABLE "authors" RENAME COLUMN "aid" TO "id";

COMMIT;
