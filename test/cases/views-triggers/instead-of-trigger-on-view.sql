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

-- 1. drop trigger trg_people_v_insert: it depends on people_v, which this plan replaces; recreated after
DROP TRIGGER "trg_people_v_insert";

-- 2. drop view people_v: it depends on people, which this plan replaces; recreated after
DROP VIEW "people_v";

-- 3. [data-dependent] rebuild people: column name changes NOT NULL
--    needs: NOT NULL on people.name
CREATE TABLE "people__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "name" TEXT NOT NULL
);
INSERT OR ABORT INTO "people__schemadiff_new" ("id", "name") SELECT "id", "name" FROM "people";
DROP TABLE "people";
ALTER TABLE "people__schemadiff_new" RENAME TO "people";

-- 4. create view people_v (recreated)
CREATE VIEW "people_v" AS SELECT id, name FROM people;

-- 5. create trigger trg_people_v_insert (recreated)
CREATE TRIGGER "trg_people_v_insert" INSTEAD OF INSERT ON "people_v" BEGIN
INSERT INTO people(name) VALUES (NEW.name);
END;

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
