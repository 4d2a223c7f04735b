-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.31.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] add column orders.tag
--    needs: CHECK (tag IN ('a', 'xy')) on orders.tag
ALTER TABLE "orders" ADD COLUMN "tag" TEXT GENERATED ALWAYS AS (code || b) VIRTUAL CHECK (tag IN ('a', 'xy'));

COMMIT;
