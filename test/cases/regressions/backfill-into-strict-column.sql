-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. add column t.name
ALTER TABLE "t" ADD COLUMN "name" INT;

-- 2. [data-dependent] backfill t.name
--    needs: STRICT typing of t.name
UPDATE OR ABORT "t" SET "name" = (ts || '');

COMMIT;
