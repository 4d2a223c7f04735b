-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop index t_sum
DROP INDEX "t_sum";

-- 2. create index t_sum on t
CREATE INDEX "t_sum" ON "t" ((a + a) COLLATE NOCASE) WHERE b IS NOT NULL;

COMMIT;
