-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [destructive] rebuild log: column a cannot be dropped in place: it is part of the primary key; column b is part of the primary key; primary key changes
--    needs: PRIMARY KEY (b) on log
--    loses: values of log.a
CREATE TABLE "log__schemadiff_new" (
  "b" TEXT PRIMARY KEY DEFAULT 0,
  "note" TEXT
);
INSERT OR ABORT INTO "log__schemadiff_new" (rowid, "note") SELECT rowid, "note" FROM "log";
DROP TABLE "log";
ALTER TABLE "log__schemadiff_new" RENAME TO "log";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
