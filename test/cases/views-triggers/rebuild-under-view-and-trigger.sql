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

-- 1. drop trigger trg_tasks_insert: it depends on tasks, which this plan replaces; recreated after
DROP TRIGGER "trg_tasks_insert";

-- 2. drop view task_titles: it depends on tasks, which this plan replaces; recreated after
DROP VIEW "task_titles";

-- 3. [data-dependent] rebuild tasks: column title changes NOT NULL
--    needs: NOT NULL on tasks.title
CREATE TABLE "tasks__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "milestone_id" INTEGER,
  "title" TEXT NOT NULL
);
INSERT OR ABORT INTO "tasks__schemadiff_new" ("id", "milestone_id", "title") SELECT "id", "milestone_id", "title" FROM "tasks";
DROP TABLE "tasks";
ALTER TABLE "tasks__schemadiff_new" RENAME TO "tasks";

-- 4. create view task_titles (recreated)
CREATE VIEW "task_titles" AS SELECT id, title FROM tasks;

-- 5. create trigger trg_tasks_insert (recreated)
CREATE TRIGGER "trg_tasks_insert" AFTER INSERT ON "tasks" WHEN NEW.milestone_id IS NOT NULL BEGIN
UPDATE milestones SET total_tasks = total_tasks + 1 WHERE id = NEW.milestone_id;
END;

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
