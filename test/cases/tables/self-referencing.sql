-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild goals: column name changes NOT NULL; add column deleted_at
--    needs: NOT NULL on goals.name
CREATE TABLE "goals__schemadiff_new" (
  "id" TEXT PRIMARY KEY,
  "parent_id" TEXT,
  "name" TEXT NOT NULL,
  "deleted_at" DATETIME,
  FOREIGN KEY ("parent_id") REFERENCES "goals" ("id") ON DELETE CASCADE
);
INSERT OR ABORT INTO "goals__schemadiff_new" (rowid, "id", "parent_id", "name") SELECT rowid, "id", "parent_id", "name" FROM "goals";
DROP TABLE "goals";
ALTER TABLE "goals__schemadiff_new" RENAME TO "goals";

-- 2. create index idx_goals_parent on goals
CREATE INDEX "idx_goals_parent" ON "goals" ("parent_id");

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
