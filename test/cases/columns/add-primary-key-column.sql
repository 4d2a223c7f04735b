-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild log: column id is part of the primary key; primary key changes
CREATE TABLE "log__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "message" TEXT
);
INSERT OR ABORT INTO "log__schemadiff_new" (rowid, "message") SELECT rowid, "message" FROM "log";
DROP TABLE "log";
ALTER TABLE "log__schemadiff_new" RENAME TO "log";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
