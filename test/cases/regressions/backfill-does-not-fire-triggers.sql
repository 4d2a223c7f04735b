-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. drop trigger orders_audit: it would fire on the backfill of orders; recreated after
DROP TRIGGER "orders_audit";

-- 2. drop trigger orders_guard: it would fire on the backfill of orders; recreated after
DROP TRIGGER "orders_guard";

-- 3. drop trigger orders_stamp: it would fire on the backfill of orders; recreated after
DROP TRIGGER "orders_stamp";

-- 4. add column orders.size
ALTER TABLE "orders" ADD COLUMN "size" INTEGER;

-- 5. backfill orders.size
UPDATE OR ABORT "orders" SET "size" = (coalesce(length(note), 0));

-- 6. create trigger orders_audit (recreated)
CREATE TRIGGER "orders_audit" AFTER UPDATE ON "orders" BEGIN
INSERT INTO audit VALUES (NEW.id, 'update');
END;

-- 7. create trigger orders_guard (recreated)
CREATE TRIGGER "orders_guard" BEFORE UPDATE OF "note" ON "orders" WHEN NEW.note = 'locked' BEGIN
SELECT RAISE(ABORT, 'locked');
END;

-- 8. create trigger orders_stamp (recreated)
CREATE TRIGGER "orders_stamp" BEFORE UPDATE ON "orders" BEGIN
SELECT RAISE(ABORT, 'updates are refused');
END;

COMMIT;
