-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] create index ux_one_active on sessions
--    needs: UNIQUE index ux_one_active on sessions
CREATE UNIQUE INDEX "ux_one_active" ON "sessions" ("user_id") WHERE active = 1;

COMMIT;
