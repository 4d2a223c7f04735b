-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.37.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

-- 1. add column parent.parent_id (bare, to run its backfill before its definition is enforced)
ALTER TABLE "parent" ADD COLUMN "parent_id" INT;

-- 2. [data-dependent] backfill parent.parent_id
--    needs: STRICT typing of parent.parent_id
UPDATE OR ABORT "parent" SET "parent_id" = (coalesce(c, 0));

-- 3. [data-dependent] rebuild parent: enforce the definition of backfilled column parent_id; add column parent_id
--    needs: STRICT typing of parent
CREATE TABLE "parent__schemadiff_new" (
  "c" REAL,
  "parent_id" INT DEFAULT ''
) STRICT;
INSERT OR ABORT INTO "parent__schemadiff_new" (rowid, "c", "parent_id") SELECT rowid, "c", "parent_id" FROM "parent";
DROP TABLE "parent";
ALTER TABLE "parent__schemadiff_new" RENAME TO "parent";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
