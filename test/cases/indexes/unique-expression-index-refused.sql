-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] create index ux_users_email_lower on users
--    needs: UNIQUE index ux_users_email_lower on users
CREATE UNIQUE INDEX "ux_users_email_lower" ON "users" (lower(email));

COMMIT;
