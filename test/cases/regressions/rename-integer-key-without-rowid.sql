-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.37.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

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

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
