-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.25.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. rename column users.mail to email
ALTER TABLE "users" RENAME COLUMN "mail" TO "email";

COMMIT;
