-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

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

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
