-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

-- 1. add column t.oid__schemadiff_backfill (bare, to run its backfill before its definition is enforced)
ALTER TABLE "t" ADD COLUMN "oid__schemadiff_backfill" INTEGER;

-- 2. backfill t.oid (into oid__schemadiff_backfill)
UPDATE OR ABORT "t" SET "oid__schemadiff_backfill" = (coalesce(length(name), 0));

-- 3. [data-dependent] rebuild t: column oid named like the rowid, backfilled into a stand-in
--    needs: NOT NULL on t.oid
CREATE TABLE "t__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "name" TEXT,
  "oid" INTEGER NOT NULL
);
INSERT OR ABORT INTO "t__schemadiff_new" ("id", "name", "oid") SELECT "id", "name", "oid__schemadiff_backfill" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
