import { describe, expect, test } from "vitest";
import { addColumnObstacle, renderColumnDefinition } from "../../src/plan/alter.js";
import { check, col, fk, pk, table, unique } from "../helpers/builders.js";

describe("addColumnObstacle: the ADD COLUMN rules of lang_altertable.html", () => {
  const t = (c: ReturnType<typeof col>, extra: Parameters<typeof table>[2] = {}) => table("t", [col("id"), c], extra);
  test.each([
    ["a plain nullable column", col("c", "TEXT"), {}, null],
    ["NOT NULL with a constant default", col("c", "INT", { notNull: true, default: "0" }), {}, null],
    ["a CHECK (tested by SQLite on existing rows)", col("c", "INT", { default: "1", checks: [check("c > 0")] }), {}, null],
    ["a VIRTUAL generated column, even NOT NULL", col("c", "INT", { notNull: true, generated: { expr: "id + 1", stored: false } }), {}, null],
    ["REFERENCES with a NULL default", col("c", "INT"), { foreignKeys: [fk(["c"], "p")] }, null],
    ["part of the primary key", col("c"), { primaryKey: pk(["c"]) }, "is part of the primary key"],
    ["UNIQUE", col("c"), { uniques: [unique(["c"])] }, "is UNIQUE"],
    ["STORED generated", col("c", "INT", { generated: { expr: "id", stored: true } }), {}, "is GENERATED ... STORED"],
    ["CURRENT_TIMESTAMP default", col("c", "TEXT", { default: "CURRENT_TIMESTAMP" }), {}, "has a non-constant default (CURRENT_TIMESTAMP)"],
    ["parenthesised default", col("c", "INT", { default: "(1 + 1)" }), {}, "has a non-constant default ((1 + 1))"],
    ["NOT NULL without default", col("c", "INT", { notNull: true }), {}, "is NOT NULL without a default"],
    ["NOT NULL with a NULL default", col("c", "INT", { notNull: true, default: "NULL" }), {}, "is NOT NULL without a default"],
    ["REFERENCES with a non-NULL default", col("c", "INT", { default: "1" }), { foreignKeys: [fk(["c"], "p")] }, "has REFERENCES and a non-NULL default"],
    ["in a multi-column foreign key", col("c", "INT"), { foreignKeys: [fk(["id", "c"], "p", ["a", "b"])] }, "is part of a multi-column foreign key"],
  ])("%s", (_name, column, extra, expected) => {
    expect(addColumnObstacle(column, t(column, extra))).toBe(expected);
  });
});

test("renderColumnDefinition writes every clause, quoting names", () => {
  const c = col("my col", "VARCHAR(10)", { notNull: true, default: "'x'", collate: "NOCASE", checks: [check("length(\"my col\") < 10", "ck_len")] });
  expect(renderColumnDefinition(c, fk(["my col"], "par ent", ["id"], { onDelete: "CASCADE", deferred: true, name: "fk_p" }))).toBe(
    `"my col" VARCHAR(10) NOT NULL DEFAULT 'x' COLLATE NOCASE CONSTRAINT "ck_len" CHECK (length("my col") < 10) CONSTRAINT "fk_p" REFERENCES "par ent" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`,
  );
});
