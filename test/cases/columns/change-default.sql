-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild settings: column value changes default
CREATE TABLE "settings__schemadiff_new" (
  "key" TEXT PRIMARY KEY,
  "value" TEXT DEFAULT 'on'
);
INSERT OR ABORT INTO "settings__schemadiff_new" (rowid, "key", "value") SELECT rowid, "key", "value" FROM "settings";
DROP TABLE "settings";
ALTER TABLE "settings__schemadiff_new" RENAME TO "settings";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
