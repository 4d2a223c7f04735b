-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.26.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;
-- foreign key violations the file already has (only new ones stop the script)
CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3;

-- 1. rename table ticket to tickets
ALTER TABLE "ticket" RENAME TO "tickets";

-- 2. [data-dependent] rebuild tickets: column title changes NOT NULL
--    needs: NOT NULL on tickets.title
CREATE TABLE "tickets__schemadiff_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "title" TEXT NOT NULL
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'tickets__schemadiff_new', seq FROM sqlite_sequence WHERE name = 'tickets';
INSERT OR ABORT INTO "tickets__schemadiff_new" ("id", "title") SELECT "id", "title" FROM "tickets";
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
