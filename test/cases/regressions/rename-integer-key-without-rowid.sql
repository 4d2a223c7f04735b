-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.37.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

-- 1. drop view tags2
DROP VIEW "tags2";

-- 2. rebuild tags: column a is the INTEGER PRIMARY KEY of a WITHOUT ROWID table and in a UNIQUE constraint, which SQLite cannot rename in place
CREATE TABLE "tags__schemadiff_new" (
  "note" INTEGER PRIMARY KEY NOT NULL,
  "oid" INT,
  CONSTRAINT "pk_4" UNIQUE ("note", "oid")
) WITHOUT ROWID, STRICT;
INSERT OR ABORT INTO "tags__schemadiff_new" ("note", "oid") SELECT "a", "oid" FROM "tags";
DROP TABLE "tags";
ALTER TABLE "tags__schemadiff_new" RENAME TO "tags";

-- 3. recreate index users on rebuilt tags
CREATE INDEX "users" ON "tags" ("note", "oid");

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
