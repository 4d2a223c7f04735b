-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.35.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. drop view people_names
DROP VIEW "people_names";

-- 2. [destructive] drop column people.nickname
--    loses: values of people.nickname
ALTER TABLE "people" DROP COLUMN "nickname";

-- 3. create view people_names
CREATE VIEW "people_names" AS SELECT id, name FROM people;

COMMIT;
