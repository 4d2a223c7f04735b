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

-- 1. rebuild zc: dropped foreign key (ref) -> aa; new foreign key (ref) -> aa
CREATE TABLE "zc__schemadiff_new" (
  "k" TEXT PRIMARY KEY,
  "ref" TEXT,
  FOREIGN KEY ("ref") REFERENCES "aa" ("qty")
);
INSERT OR ABORT INTO "zc__schemadiff_new" (rowid, "k", "ref") SELECT rowid, "k", "ref" FROM "zc";
DROP TABLE "zc";
ALTER TABLE "zc__schemadiff_new" RENAME TO "zc";

-- 2. [destructive] rebuild aa: column y cannot be dropped in place: it is part of the primary key; column qty is part of the primary key; primary key changes
--    loses: values of aa.y
CREATE TABLE "aa__schemadiff_new" (
  "qty" TEXT PRIMARY KEY,
  "cref" TEXT,
  FOREIGN KEY ("cref") REFERENCES "zc" ("k")
);
INSERT OR ABORT INTO "aa__schemadiff_new" (rowid, "cref") SELECT rowid, "cref" FROM "aa";
DROP TABLE "aa";
ALTER TABLE "aa__schemadiff_new" RENAME TO "aa";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
