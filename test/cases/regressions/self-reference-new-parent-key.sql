-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [destructive] rebuild t: column a cannot be dropped in place: it is part of the primary key; column a4 is part of the primary key; primary key changes; dropped foreign key (a2) -> t; new foreign key (a2) -> t
--    needs: FOREIGN KEY (a2) -> t on t
--    loses: values of t.a
CREATE TABLE "t__schemadiff_new" (
  "a4" INTEGER PRIMARY KEY,
  "a2" INTEGER,
  "a3" INTEGER,
  FOREIGN KEY ("a2") REFERENCES "t" ("a4") ON DELETE CASCADE
);
INSERT OR ABORT INTO "t__schemadiff_new" (rowid, "a2", "a3") SELECT rowid, "a2", "a3" FROM "t";
DROP TABLE "t";
ALTER TABLE "t__schemadiff_new" RENAME TO "t";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
