-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. rebuild books: dropped foreign key (author_id) -> authors; new foreign key (author_id) -> authors
CREATE TABLE "books__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "title" TEXT,
  "author_id" INTEGER,
  FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE
);
INSERT OR ABORT INTO "books__schemadiff_new" ("id", "title", "author_id") SELECT "id", "title", "author_id" FROM "books";
DROP TABLE "books";
ALTER TABLE "books__schemadiff_new" RENAME TO "books";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
