-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.35.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. add column t4.kind
ALTER TABLE "t4" ADD COLUMN "kind" INTEGER DEFAULT 0;

-- 2. [destructive] drop column t4.b
--    loses: values of t4.b
ALTER TABLE "t4" DROP COLUMN "b";

COMMIT;
