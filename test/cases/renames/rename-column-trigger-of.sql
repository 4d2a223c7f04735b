-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.25.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. rename column items.qty to quantity
ALTER TABLE "items" RENAME COLUMN "qty" TO "quantity";

COMMIT;
