-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] add column orders.c
--    needs: CHECK (typeof(c) IN ('real', 'text')) on orders.c
ALTER TABLE "orders" ADD COLUMN "c" DECIMAL(10, 2) CHECK (typeof(c) IN ('real', 'text'));

COMMIT;
