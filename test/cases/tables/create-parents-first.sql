-- schemadiff migration script
-- from schema: current
-- to schema:   desired
-- requires SQLite >= 3.9.0
-- run with: sqlite3 DATABASE < this-file.sql

.bail on
BEGIN;

-- 1. create table c_customer
CREATE TABLE "c_customer" (
  "id" INTEGER PRIMARY KEY
);

-- 2. create table b_order
CREATE TABLE "b_order" (
  "id" INTEGER PRIMARY KEY,
  "customer_id" INTEGER,
  FOREIGN KEY ("customer_id") REFERENCES "c_customer" ("id")
);

-- 3. create table a_line
CREATE TABLE "a_line" (
  "id" INTEGER PRIMARY KEY,
  "order_id" INTEGER,
  FOREIGN KEY ("order_id") REFERENCES "b_order" ("id")
);

COMMIT;
