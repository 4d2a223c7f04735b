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

-- 1. [data-dependent] add column t1.c
--    needs: CHECK (c IN ('x y', 'a', -1, 0, 2, 'b')) on t1.c
ALTER TABLE "t1" ADD COLUMN "c" TEXT DEFAULT 0 CHECK (c IN ('x y', 'a', -1, 0, 2, 'b'));

-- 2. [data-dependent] rebuild t2: column c changes type, CHECK
--    needs: CHECK (c IN (0, 2)) on t2
CREATE TABLE "t2__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "c" TEXT CHECK (c IN (0, 2))
);
INSERT OR ABORT INTO "t2__schemadiff_new" ("id", "c") SELECT "id", "c" FROM "t2";
DROP TABLE "t2";
ALTER TABLE "t2__schemadiff_new" RENAME TO "t2";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
