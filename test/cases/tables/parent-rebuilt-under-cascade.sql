-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

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

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
