-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [data-dependent] rebuild countries: column code changes NOT NULL; primary key changes
--    needs: NOT NULL on countries.code
--    needs: PRIMARY KEY (name) on countries
CREATE TABLE "countries__schemadiff_new" (
  "code" TEXT NOT NULL,
  "name" TEXT PRIMARY KEY NOT NULL
);
INSERT OR ABORT INTO "countries__schemadiff_new" (rowid, "code", "name") SELECT rowid, "code", "name" FROM "countries";
DROP TABLE "countries";
ALTER TABLE "countries__schemadiff_new" RENAME TO "countries";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
