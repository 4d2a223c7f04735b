-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild t: dropped foreign key (item) -> items; new foreign key (item) -> items
CREATE TABLE "t__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "item" TEXT,
  CONSTRAINT "fk_item" FOREIGN KEY ("item") REFERENCES "items" ("code")
);
INSERT OR ABORT INTO "t__schemadiff_new" ("id", "item") SELECT "id", "item" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
