-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild projects: column name changes NOT NULL, collate
--    needs: NOT NULL on projects.name
CREATE TABLE "projects__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "name" TEXT NOT NULL COLLATE NOCASE
);
INSERT OR ABORT INTO "projects__schemadiff_new" ("id", "name") SELECT "id", "name" FROM "projects";
DROP TABLE "projects";
ALTER TABLE "projects__schemadiff_new" RENAME TO "projects";

-- 2. [data-dependent] rebuild tasks: column title changes NOT NULL
--    needs: NOT NULL on tasks.title
CREATE TABLE "tasks__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "project_id" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE
);
INSERT OR ABORT INTO "tasks__schemadiff_new" ("id", "project_id", "title") SELECT "id", "project_id", "title" FROM "tasks";
DROP TABLE "tasks";
ALTER TABLE "tasks__schemadiff_new" RENAME TO "tasks";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
