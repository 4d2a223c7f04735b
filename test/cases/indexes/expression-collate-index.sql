-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create index idx_people_name on people
CREATE INDEX "idx_people_name" ON "people" (lower(name), "name" COLLATE NOCASE, "born" DESC);

COMMIT;
