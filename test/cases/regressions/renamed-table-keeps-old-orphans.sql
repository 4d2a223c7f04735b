-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.26.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

-- 1. rename table kids to children
ALTER TABLE "kids" RENAME TO "children";

-- 2. [data-dependent] rebuild children: column n changes CHECK
--    needs: CHECK (n > 0) on children
CREATE TABLE "children__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "parent_id" INTEGER,
  "n" INTEGER CHECK (n > 0),
  FOREIGN KEY ("parent_id") REFERENCES "parent" ("id")
);
INSERT OR ABORT INTO "children__schemadiff_new" ("id", "parent_id", "n") SELECT "id", "parent_id", "n" FROM "children";
DROP TABLE "children";
ALTER TABLE "children__schemadiff_new" RENAME TO "children";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
