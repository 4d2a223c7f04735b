-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.53.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop NOT NULL on cities.name
ALTER TABLE "cities" ALTER COLUMN "name" DROP NOT NULL;

COMMIT;
