-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create virtual table docs_fts
CREATE VIRTUAL TABLE docs_fts USING fts4(title, body);

COMMIT;
