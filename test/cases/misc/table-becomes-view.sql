-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. [destructive] drop table summary
--    loses: every row of summary
DROP TABLE "summary";

-- 2. create view summary
CREATE VIEW "summary" AS SELECT count(*) AS n FROM src;

COMMIT;
