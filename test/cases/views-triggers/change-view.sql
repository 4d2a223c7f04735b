-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop view open_names: it depends on open_goals, which this plan replaces; recreated after
DROP VIEW "open_names";

-- 2. drop view open_goals
DROP VIEW "open_goals";

-- 3. create view open_goals
CREATE VIEW "open_goals" AS SELECT * FROM goals WHERE done = 0 OR done IS NULL;

-- 4. create view open_names (recreated)
CREATE VIEW "open_names" AS SELECT name FROM open_goals;

COMMIT;
