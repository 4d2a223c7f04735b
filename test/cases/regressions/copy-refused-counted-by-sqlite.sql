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

-- 1. [data-dependent] rebuild o: column code changes type; table becomes STRICT
--    needs: CHECK (code IN (1, 2, 'a')) on o
--    needs: STRICT typing of o
CREATE TABLE "o__schemadiff_new" (
  "code" ANY CHECK (code IN (1, 2, 'a')),
  "n" INT
) STRICT;
INSERT OR ABORT INTO "o__schemadiff_new" (rowid, "code", "n") SELECT rowid, "code", "n" FROM "o";
DROP TABLE "o";
ALTER TABLE "o__schemadiff_new" RENAME TO "o";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
