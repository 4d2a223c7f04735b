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

-- 1. [data-dependent] rebuild posts: column author changes NOT NULL
--    needs: NOT NULL on posts.author
CREATE TABLE "posts__schemadiff_new" (
  "id" INTEGER PRIMARY KEY,
  "author" TEXT NOT NULL,
  "title" TEXT,
  "body" TEXT
);
INSERT OR ABORT INTO "posts__schemadiff_new" ("id", "author", "title", "body") SELECT "id", "author", "title", "body" FROM "posts";
DROP TABLE "posts";
ALTER TABLE "posts__schemadiff_new" RENAME TO "posts";

-- 2. recreate index idx_posts_author on rebuilt posts
CREATE INDEX "idx_posts_author" ON "posts" ("author");

-- 3. create index idx_posts_title_new on posts
CREATE INDEX "idx_posts_title_new" ON "posts" ("title");

-- 4. recreate index ux_posts_title_author on rebuilt posts
CREATE UNIQUE INDEX "ux_posts_title_author" ON "posts" ("title", "author");

-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM (SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0);
DROP TABLE schemadiff_fk_guard;
DROP TABLE schemadiff_fk_before;
COMMIT;
PRAGMA foreign_keys=ON;
