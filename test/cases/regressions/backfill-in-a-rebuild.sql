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

-- 1. add column child.a (bare, to run its backfill before its definition is enforced)
ALTER TABLE "child" ADD COLUMN "a" BLOB;

-- 2. backfill child.a
UPDATE OR ABORT "child" SET "a" = (coalesce(kind, 0) + 10);

-- 3. add column child.parent_id (bare, to run its backfill before its definition is enforced)
ALTER TABLE "child" ADD COLUMN "parent_id" DATETIME;

-- 4. backfill child.parent_id
UPDATE OR ABORT "child" SET "parent_id" = (coalesce(kind, 0));

-- 5. [data-dependent] rebuild child: enforce the definition of backfilled column a
--    needs: NOT NULL on child.a
CREATE TABLE "child__schemadiff_new" (
  "kind" INTEGER DEFAULT FALSE,
  "label" TEXT,
  "parent_id" DATETIME,
  "a" BLOB NOT NULL DEFAULT (1 + 1)
);
INSERT OR ABORT INTO "child__schemadiff_new" (rowid, "kind", "label", "parent_id", "a") SELECT rowid, "kind", "label", "parent_id", "a" FROM "child";
DROP TABLE "child";
ALTER TABLE "child__schemadiff_new" RENAME TO "child";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
