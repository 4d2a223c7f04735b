-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create view c_base
CREATE VIEW "c_base" AS SELECT x FROM t;

-- 2. create view b_middle
CREATE VIEW "b_middle" AS SELECT x FROM c_base WHERE x > 1;

-- 3. create view a_top
CREATE VIEW "a_top" AS SELECT max(x) AS m FROM b_middle;

COMMIT;
