-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create view active_goals
CREATE VIEW "active_goals" AS SELECT * FROM goals WHERE deleted_at IS NULL;

COMMIT;
