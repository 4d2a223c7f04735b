-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

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

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
