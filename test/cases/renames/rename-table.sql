-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.26.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. rename table people to persons
ALTER TABLE "people" RENAME TO "persons";

COMMIT;
