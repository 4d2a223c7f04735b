-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.26.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. rename table Goals to goals
ALTER TABLE "Goals" RENAME TO "goals__schemadiff_rename";
ALTER TABLE "goals__schemadiff_rename" RENAME TO "goals";

-- 2. rename column goals.Name to name
ALTER TABLE "goals" RENAME COLUMN "Name" TO "name";

COMMIT;
