-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. [destructive] drop virtual table docs_fts
--    loses: every row of docs_fts
DROP TABLE "docs_fts";

-- 2. create virtual table docs_fts
CREATE VIRTUAL TABLE docs_fts USING fts4(title, body);

COMMIT;
