-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild users: column login changes collate
CREATE TABLE "users__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "login" TEXT COLLATE NOCASE
);
INSERT OR ABORT INTO "users__schemadiff_new" ("id", "login") SELECT "id", "login" FROM "users";
DROP TABLE "users";
ALTER TABLE "users__schemadiff_new" RENAME TO "users";

-- 2. [data-dependent] recreate index ux_login on rebuilt users
--    needs: UNIQUE index ux_login on users
CREATE UNIQUE INDEX "ux_login" ON "users" ("login");

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
