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

-- 1. [data-dependent] rebuild child: table becomes STRICT
--    needs: STRICT typing of child
CREATE TABLE "child__schemadiff_new" (
  "qty" INTEGER PRIMARY KEY,
  "qty2" INTEGER GENERATED ALWAYS AS (typeof(qty)) VIRTUAL,
  "note" TEXT
) STRICT;
INSERT OR ABORT INTO "child__schemadiff_new" ("qty", "note") SELECT "qty", "note" FROM "child";
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
