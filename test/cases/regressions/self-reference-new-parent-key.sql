-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

-- 1. [destructive] rebuild t: column a cannot be dropped in place: it is part of the primary key; column a4 is part of the primary key; primary key changes; dropped foreign key (a2) -> t; new foreign key (a2) -> t
--    needs: FOREIGN KEY (a2) -> t on t
--    loses: values of t.a
CREATE TABLE "t__schemadiff_new" (
  "a4" INTEGER PRIMARY KEY,
  "a2" INTEGER,
  "a3" INTEGER,
  FOREIGN KEY ("a2") REFERENCES "t" ("a4") ON DELETE CASCADE
);
INSERT OR ABORT INTO "t__schemadiff_new" (rowid, "a2", "a3") SELECT rowid, "a2", "a3" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
