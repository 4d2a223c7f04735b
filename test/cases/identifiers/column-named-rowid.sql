-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild odd: column v changes NOT NULL
--    needs: NOT NULL on odd.v
CREATE TABLE "odd__schemadiff_new" (
  "rowid" TEXT,
  "v" TEXT NOT NULL
);
INSERT OR ABORT INTO "odd__schemadiff_new" (_rowid_, "rowid", "v") SELECT _rowid_, "rowid", "v" FROM "odd";
DROP TABLE "odd";
ALTER TABLE "odd__schemadiff_new" RENAME TO "odd";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
