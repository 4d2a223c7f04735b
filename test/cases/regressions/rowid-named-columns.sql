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

-- 1. [destructive] rebuild t: column oid is named like the rowid (SQLite 3.54+ refuses to add, drop or rename such a column in place); column _rowid_ cannot be dropped in place: it is named like the rowid (SQLite 3.54+ refuses to add, drop or rename such a column in place); column rowid is named like the rowid (SQLite 3.54+ refuses to add, drop or rename such a column in place)
--    loses: values of t._rowid_
CREATE TABLE "t__schemadiff_new" (
  "a" INTEGER PRIMARY KEY,
  "label" TEXT,
  "rowid" INTEGER
);
INSERT OR ABORT INTO "t__schemadiff_new" ("a", "label") SELECT "a", "oid" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- 2. rebuild u: column oid is named like the rowid (SQLite 3.54+ refuses to add, drop or rename such a column in place)
CREATE TABLE "u__schemadiff_new" (
  "x" TEXT,
  "y" TEXT,
  "oid" TEXT DEFAULT 'none'
);
INSERT OR ABORT INTO "u__schemadiff_new" (rowid, "x", "y") SELECT rowid, "x", "y" FROM "u";
DROP TABLE "u";
ALTER TABLE "u__schemadiff_new" RENAME TO "u";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
