-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop index idx_shared
DROP INDEX "idx_shared";

-- 2. create index idx_shared on b
CREATE INDEX "idx_shared" ON "b" ("y");

COMMIT;
