-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.26.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

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

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
