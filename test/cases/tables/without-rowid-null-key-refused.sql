-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild kv: column k changes NOT NULL; table becomes WITHOUT ROWID
--    needs: NOT NULL on kv.k
CREATE TABLE "kv__schemadiff_new" (
  "k" TEXT PRIMARY KEY NOT NULL,
  "v" TEXT
) WITHOUT ROWID;
INSERT OR ABORT INTO "kv__schemadiff_new" ("k", "v") SELECT "k", "v" FROM "kv";
DROP TABLE "kv";
ALTER TABLE "kv__schemadiff_new" RENAME TO "kv";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
