-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [destructive] rebuild tags: column code cannot be dropped in place: it is part of the primary key; primary key changes; table gets a rowid; drop column n; add column kind; add column qty
--    loses: values of tags.code
--    loses: values of tags.n
CREATE TABLE "tags__schemadiff_new" (
  "kind" DOUBLE PRECISION DEFAULT 1.5,
  "qty" BLOB
);
INSERT OR ABORT INTO "tags__schemadiff_new" ("kind", "qty") SELECT (1.5), NULL FROM "tags";
DROP TABLE "tags";
ALTER TABLE "tags__schemadiff_new" RENAME TO "tags";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
