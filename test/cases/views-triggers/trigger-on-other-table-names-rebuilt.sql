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

-- 1. drop trigger trg_count: it depends on stats, which this plan replaces; recreated after
DROP TRIGGER "trg_count";

-- 2. [data-dependent] rebuild stats: column n changes NOT NULL, default
--    needs: NOT NULL on stats.n
CREATE TABLE "stats__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "n" INTEGER NOT NULL DEFAULT 0
);
INSERT OR ABORT INTO "stats__schemadiff_new" ("id", "n") SELECT "id", "n" FROM "stats";
DROP TABLE "stats";
ALTER TABLE "stats__schemadiff_new" RENAME TO "stats";

-- 3. create trigger trg_count (recreated)
CREATE TRIGGER "trg_count" AFTER INSERT ON "orders" BEGIN
UPDATE stats SET n = (SELECT count(*) FROM orders) WHERE id = 1;
END;

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
