-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.53.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop CHECK ck_order from bookings
ALTER TABLE "bookings" DROP CONSTRAINT "ck_order";

COMMIT;
