import { describe, expect, test } from "vitest";
import type { Change, ModifyTable, TableChange } from "../../src/diff/changes.js";
import { diffSchemas } from "../../src/diff/diff-schema.js";
import type { Schema } from "../../src/model.js";
import { NO_HINTS } from "../../src/model.js";
import { check, col, fk, hints, index, pk, schema, table, trigger, unique, view, virtualTable } from "../helpers/builders.js";

function diff(current: Schema, desired: Schema, h = NO_HINTS): readonly Change[] {
  const r = diffSchemas(current, desired, h);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

function tableChanges(changes: readonly Change[], name: string): readonly TableChange[] {
  const m = changes.find((c): c is ModifyTable => c.kind === "ModifyTable" && c.table === name);
  return m?.changes ?? [];
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object") {
    Object.values(x as object).forEach(deepFreeze);
    Object.freeze(x);
  }
  return x;
}

const users = table("users", [col("id", "INTEGER"), col("name", "TEXT")], { primaryKey: pk(["id"]) });

describe("diffSchemas", () => {
  test("identical schemas have no changes", () => {
    const s = schema({ tables: [users], views: [view("v", "SELECT * FROM users")] });
    expect(diff(s, s)).toEqual([]);
  });

  test("a table on one side only is added or dropped", () => {
    const posts = table("posts", [col("id")]);
    const changes = diff(schema({ tables: [users] }), schema({ tables: [posts] }));
    expect(changes).toEqual([
      { kind: "AddTable", table: posts },
      { kind: "DropTable", table: users },
    ]);
  });

  test("changes are sorted by object name, then kind", () => {
    const a = table("a", [col("x")]);
    const b = table("b", [col("x")]);
    const changes = diff(schema({ tables: [b] }), schema({ tables: [a], views: [view("a_view", "SELECT 1")] }));
    expect(changes.map((c) => c.kind)).toEqual(["AddTable", "AddView", "DropTable"]);
  });

  test("column aspects are listed precisely", () => {
    const from = table("t", [col("a", "TEXT"), col("b", "INTEGER")]);
    const to = table("t", [
      col("a", "INTEGER", { notNull: true, collate: "NOCASE" }),
      col("b", "INTEGER", { default: "0", checks: [check("b > 0")], generated: null }),
    ]);
    const changes = tableChanges(diff(schema({ tables: [from] }), schema({ tables: [to] })), "t");
    expect(changes).toMatchObject([
      { kind: "ModifyColumn", name: "a", aspects: ["type", "notNull", "collate"] },
      { kind: "ModifyColumn", name: "b", aspects: ["default", "checks"] },
    ]);
  });

  test("added and dropped columns, constraints and indexes", () => {
    const from = table("t", [col("a"), col("old")], {
      uniques: [unique(["a"])],
      checks: [check("a > 0")],
      indexes: [index("i1", "t", ["a"]), index("i2", "t", ["old"])],
    });
    const to = table("t", [col("a"), col("new")], {
      primaryKey: pk(["a"]),
      foreignKeys: [fk(["new"], "p")],
      checks: [check("a > 1")],
      indexes: [index("i1", "t", ["a", "new"])],
      strict: true,
    });
    const kinds = tableChanges(diff(schema({ tables: [from] }), schema({ tables: [to] })), "t").map((c) => c.kind);
    expect(kinds).toEqual([
      "DropColumn",
      "AddColumn",
      "AddPrimaryKey",
      "DropUnique",
      "DropCheck",
      "AddCheck",
      "AddForeignKey",
      "DropIndex",
      "DropIndex",
      "AddIndex",
      "ChangeTableOptions",
    ]);
  });

  test("constraint order means nothing (multiset comparison)", () => {
    const from = table("t", [col("a"), col("b")], { uniques: [unique(["a"]), unique(["b"])], checks: [check("a > 0"), check("b > 0")] });
    const to = table("t", [col("a"), col("b")], { uniques: [unique(["b"]), unique(["a"])], checks: [check("b > 0"), check("a > 0")] });
    expect(diff(schema({ tables: [from] }), schema({ tables: [to] }))).toEqual([]);
  });

  test("a duplicated CHECK counts (multiset, not set)", () => {
    const from = table("t", [col("a")], { checks: [check("a > 0")] });
    const to = table("t", [col("a")], { checks: [check("a > 0"), check("a > 0")] });
    expect(tableChanges(diff(schema({ tables: [from] }), schema({ tables: [to] })), "t").map((c) => c.kind)).toEqual(["AddCheck"]);
  });

  test("column order alone yields only a ColumnOrder note change", () => {
    const from = table("t", [col("a"), col("b")]);
    const to = table("t", [col("b"), col("a")]);
    expect(tableChanges(diff(schema({ tables: [from] }), schema({ tables: [to] })), "t")).toEqual([
      { kind: "ColumnOrder", from: ["a", "b"], to: ["b", "a"] },
    ]);
  });

  test("an added column in the middle is not an order change", () => {
    const from = table("t", [col("a"), col("b")]);
    const to = table("t", [col("a"), col("x"), col("b")]);
    expect(tableChanges(diff(schema({ tables: [from] }), schema({ tables: [to] })), "t").map((c) => c.kind)).toEqual(["AddColumn"]);
  });

  test("views, triggers and virtual tables: add, drop, modify", () => {
    const t = table("t", [col("a")]);
    const current = schema({
      tables: [t],
      views: [view("v_same", "SELECT 1"), view("v_changed", "SELECT 1"), view("v_gone", "SELECT 1")],
      triggers: [trigger("tr_changed", "t", "SELECT 1;"), trigger("tr_gone", "t", "SELECT 1;")],
      virtualTables: [virtualTable("vt", "fts4", "CREATE VIRTUAL TABLE vt USING fts4(a)")],
    });
    const desired = schema({
      tables: [t],
      views: [view("v_same", "SELECT 1"), view("v_changed", "SELECT 2"), view("v_new", "SELECT 1")],
      triggers: [trigger("tr_changed", "t", "SELECT 2;"), trigger("tr_new", "t", "SELECT 1;")],
      virtualTables: [virtualTable("vt", "fts4", "CREATE VIRTUAL TABLE vt USING fts4(a, b)")],
    });
    expect(diff(current, desired).map((c) => `${c.kind}`)).toEqual([
      "ModifyTrigger",
      "DropTrigger",
      "AddTrigger",
      "ModifyView",
      "DropView",
      "AddView",
      "ModifyVirtualTable",
    ]);
  });

  test("is pure: frozen inputs, same output twice", () => {
    const from = deepFreeze(schema({ tables: [table("t", [col("b"), col("a")], { indexes: [index("i", "t", ["a"])] })] }));
    const to = deepFreeze(schema({ tables: [table("t", [col("a", "TEXT"), col("c")])] }));
    const h = hints({ columns: { t: { c: "b" } } });
    expect(diffSchemas(from, to, h)).toEqual(diffSchemas(from, to, h));
  });
});
