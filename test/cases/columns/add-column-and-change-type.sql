-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [destructive] rebuild readings: column value changes type; add column unit
--    loses: values of readings.value
CREATE TABLE "readings__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "sensor" TEXT NOT NULL,
  "value" REAL,
  "unit" TEXT DEFAULT 'C'
);
INSERT OR ABORT INTO "readings__schemadiff_new" ("id", "sensor", "value") SELECT "id", "sensor", "value" FROM "readings";
DROP TABLE "readings";
ALTER TABLE "readings__schemadiff_new" RENAME TO "readings";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
