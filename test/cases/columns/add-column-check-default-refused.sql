-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] add column stock.qty
--    needs: CHECK (qty >= 0) on stock.qty
ALTER TABLE "stock" ADD COLUMN "qty" INTEGER NOT NULL DEFAULT -1 CHECK (qty >= 0);

COMMIT;
