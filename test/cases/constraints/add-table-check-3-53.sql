-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.53.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] add CHECK (starts < ends) to bookings
--    needs: CHECK (starts < ends) on bookings
ALTER TABLE "bookings" ADD CONSTRAINT "ck_order" CHECK (starts < ends);

COMMIT;
