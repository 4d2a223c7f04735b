-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. [destructive] drop table old_sessions
--    loses: every row of old_sessions
DROP TABLE "old_sessions";

COMMIT;
