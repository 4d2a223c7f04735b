-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild events: column created_at has a non-constant default (CURRENT_TIMESTAMP)
CREATE TABLE "events__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "kind" TEXT,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT OR ABORT INTO "events__schemadiff_new" ("id", "kind") SELECT "id", "kind" FROM "events";
DROP TABLE "events";
ALTER TABLE "events__schemadiff_new" RENAME TO "events";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
