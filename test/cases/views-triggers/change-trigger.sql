-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop trigger trg_items_log
DROP TRIGGER "trg_items_log";

-- 2. create trigger trg_items_log
CREATE TRIGGER "trg_items_log" AFTER INSERT ON "items" BEGIN
INSERT INTO log VALUES ('added ' || NEW.name);
END;

COMMIT;
