-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create table audit
CREATE TABLE "audit" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "at" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "what" TEXT
);

-- 2. create index idx_audit_at on audit
CREATE INDEX "idx_audit_at" ON "audit" ("at");

COMMIT;
