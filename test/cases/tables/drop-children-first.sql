-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.16.0
-- run with: sqlite3 DATABASE < this-file.sql
-- WARNING: 3 destructive steps (marked below) drop data

.bail on
PRAGMA foreign_keys=OFF;
BEGIN;

-- 1. [destructive] drop table a_line
--    loses: every row of a_line
DROP TABLE "a_line";

-- 2. [destructive] drop table b_order
--    loses: every row of b_order
DROP TABLE "b_order";

-- 3. [destructive] drop table c_customer
--    loses: every row of c_customer
DROP TABLE "c_customer";

-- foreign keys must still hold: list violations, then stop before COMMIT if there are any
PRAGMA foreign_key_check;
CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0));
INSERT INTO schemadiff_fk_guard SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemadiff_fk_guard;
COMMIT;
PRAGMA foreign_keys=ON;
