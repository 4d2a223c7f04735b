-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild metrics: table stops being STRICT
CREATE TABLE "metrics__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "name" TEXT,
  "value" INTEGER
);
INSERT OR ABORT INTO "metrics__schemadiff_new" ("id", "name", "value") SELECT "id", "name", "value" FROM "metrics";
DROP TABLE "metrics";
ALTER TABLE "metrics__schemadiff_new" RENAME TO "metrics";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
