-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.35.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 1 destructive step (marked below) drop data

.bail on
BEGIN;

-- 1. drop index idx_jobs_live
DROP INDEX "idx_jobs_live";

-- 2. [destructive] drop column jobs.archived
--    loses: values of jobs.archived
ALTER TABLE "jobs" DROP COLUMN "archived";

-- 3. create index idx_jobs_live on jobs
CREATE INDEX "idx_jobs_live" ON "jobs" ("state");

COMMIT;
