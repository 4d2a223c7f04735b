-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. add column t.note
ALTER TABLE "t" ADD COLUMN "note" TEXT;

COMMIT;
