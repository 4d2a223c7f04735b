-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. [data-dependent] add column child2.kind
--    needs: CHECK (typeof(kind) IN ('text', 'null')) on child2.kind
ALTER TABLE "child2" ADD COLUMN "kind" TEXT DEFAULT 1.5 CHECK (typeof(kind) IN ('text', 'null'));

-- 2. [data-dependent] add column child2.grade
--    needs: CHECK (grade IN ('a', 'b')) on child2.grade
ALTER TABLE "child2" ADD COLUMN "grade" TEXT DEFAULT 'A' COLLATE NOCASE CHECK (grade IN ('a', 'b'));

COMMIT;
