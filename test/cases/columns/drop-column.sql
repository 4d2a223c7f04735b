-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.35.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. [destructive] drop column items.legacy
--    loses: values of items.legacy
ALTER TABLE "items" DROP COLUMN "legacy";

COMMIT;
