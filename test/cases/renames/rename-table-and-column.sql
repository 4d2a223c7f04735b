-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.26.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. rename table people to persons
ALTER TABLE "people" RENAME TO "persons";

-- 2. rename column persons.nm to name
ALTER TABLE "persons" RENAME COLUMN "nm" TO "name";

-- 3. add column persons.age
ALTER TABLE "persons" ADD COLUMN "age" INTEGER;

COMMIT;
