-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] add column parent.code
--    needs: STRICT typing of parent.code
ALTER TABLE "parent" ADD COLUMN "code" INTEGER DEFAULT 'abc';

COMMIT;
