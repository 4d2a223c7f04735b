-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild emails: new UNIQUE (address)
--    needs: UNIQUE (address) on emails
CREATE TABLE "emails__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "address" TEXT,
  UNIQUE ("address") ON CONFLICT REPLACE
);
INSERT OR ABORT INTO "emails__schemadiff_new" ("id", "address") SELECT "id", "address" FROM "emails";
DROP TABLE "emails";
ALTER TABLE "emails__schemadiff_new" RENAME TO "emails";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
