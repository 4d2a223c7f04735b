-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- note: t: column order differs (id, b, a declared as id, a, b); not drift, left as is (the rebuild takes the declared order)

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild t: column a changes NOT NULL
--    needs: NOT NULL on t.a
CREATE TABLE "t__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "a" TEXT NOT NULL,
  "b" TEXT
);
INSERT OR ABORT INTO "t__schemadiff_new" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
