-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild bookings: new CHECK (starts < ends)
--    needs: CHECK (starts < ends) on bookings
CREATE TABLE "bookings__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "starts" INTEGER,
  "ends" INTEGER,
  CHECK (starts < ends)
);
INSERT OR ABORT INTO "bookings__schemadiff_new" ("id", "starts", "ends") SELECT "id", "starts", "ends" FROM "bookings";
DROP TABLE "bookings";
ALTER TABLE "bookings__schemadiff_new" RENAME TO "bookings";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
