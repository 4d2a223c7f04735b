-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create index idx_goals_completed on goals
CREATE INDEX "idx_goals_completed" ON "goals" ("root_id", "type") WHERE completed = 1;

COMMIT;
