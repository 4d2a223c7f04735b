-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.25.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rename column t.a to a4
ALTER TABLE "t" RENAME COLUMN "a" TO "a4";

-- 2. [data-dependent] rebuild t: dropped foreign key (a2) -> t; new foreign key (a2) -> t
--    needs: FOREIGN KEY (a2) -> t on t
CREATE TABLE "t__schemadiff_new" (
  "a4" INTEGER PRIMARY KEY,
  "a2" INTEGER,
  "a3" INTEGER,
  FOREIGN KEY ("a2") REFERENCES "t" ("a4") ON DELETE CASCADE
);
INSERT OR ABORT INTO "t__schemadiff_new" ("a4", "a2", "a3") SELECT "a4", "a2", "a3" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
