-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.31.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. add column lines.total
ALTER TABLE "lines" ADD COLUMN "total" REAL GENERATED ALWAYS AS (price * qty) VIRTUAL;

COMMIT;
