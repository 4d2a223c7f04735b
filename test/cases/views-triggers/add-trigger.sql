-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create trigger trg_items_touch
CREATE TRIGGER "trg_items_touch" AFTER UPDATE OF "name" ON "items" BEGIN
UPDATE items SET updated = updated + 1 WHERE id = NEW.id;
END;

COMMIT;
