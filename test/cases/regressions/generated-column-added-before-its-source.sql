-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.31.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. add column child.a
ALTER TABLE "child" ADD COLUMN "a" INTEGER DEFAULT 5;

-- 2. add column child.c
ALTER TABLE "child" ADD COLUMN "c" INTEGER GENERATED ALWAYS AS (a + 1) VIRTUAL;

-- 3. add column child.c2
ALTER TABLE "child" ADD COLUMN "c2" INTEGER GENERATED ALWAYS AS (c * 2) VIRTUAL;

COMMIT;
