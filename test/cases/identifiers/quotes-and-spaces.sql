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

-- 1. rename table my table to my "new" table
ALTER TABLE "my table" RENAME TO "my ""new"" table";

-- 2. rename column my "new" table.say "hi" to say "hello"
ALTER TABLE "my ""new"" table" RENAME COLUMN "say ""hi""" TO "say ""hello""";

-- 3. [data-dependent] rebuild my "new" table: column first name changes NOT NULL
--    needs: NOT NULL on my "new" table.first name
CREATE TABLE "my ""new"" table__schemadiff_new" (
  "first name" TEXT NOT NULL,
  "it's" TEXT,
  "say ""hello""" TEXT
);
INSERT OR ABORT INTO "my ""new"" table__schemadiff_new" (rowid, "first name", "it's", "say ""hello""") SELECT rowid, "first name", "it's", "say ""hello""" FROM "my ""new"" table";
DROP TABLE "my ""new"" table";
ALTER TABLE "my ""new"" table__schemadiff_new" RENAME TO "my ""new"" table";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
