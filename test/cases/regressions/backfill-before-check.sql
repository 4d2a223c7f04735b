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

-- 1. add column tickets.status (bare, to run its backfill before its definition is enforced)
ALTER TABLE "tickets" ADD COLUMN "status" TEXT;

-- 2. backfill tickets.status
UPDATE OR ABORT "tickets" SET "status" = (CASE WHEN closed = 1 THEN 'closed' ELSE 'open' END);

-- 3. [data-dependent] rebuild tickets: enforce the definition of backfilled column status; add column status
--    needs: NOT NULL on tickets.status
--    needs: CHECK (status IN ('open', 'closed')) on tickets
CREATE TABLE "tickets__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "closed" INTEGER,
  "status" TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('open', 'closed'))
);
INSERT OR ABORT INTO "tickets__schemadiff_new" ("id", "closed", "status") SELECT "id", "closed", "status" FROM "tickets";
DROP TABLE "tickets";
ALTER TABLE "tickets__schemadiff_new" RENAME TO "tickets";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
