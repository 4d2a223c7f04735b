-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. drop trigger old_tr
DROP TRIGGER "old_tr";

-- 2. drop view old_v
DROP VIEW "old_v";

-- 3. [destructive] drop table old
--    loses: every row of old
DROP TABLE "old";

COMMIT;
