import { describe, expect, test } from "vitest";
import type { Change, ModifyTable } from "../../src/diff/changes.js";
import { diffSchemas } from "../../src/diff/diff-schema.js";
import { renameInExpression } from "../../src/diff/renames.js";
import type { Hints, Schema } from "../../src/model.js";
import { check, col, fk, hints, index, exprKey, pk, schema, table, trigger } from "../helpers/builders.js";

function diff(current: Schema, desired: Schema, h: Hints): readonly Change[] {
  const r = diffSchemas(current, desired, h);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

function codes(current: Schema, desired: Schema, h: Hints): { errors: string[]; warnings: string[] } {
  const r = diffSchemas(current, desired, h);
  return r.ok ? { errors: [], warnings: r.warnings.map((w) => w.code) } : { errors: r.diagnostics.map((d) => d.code), warnings: [] };
}

const people = table("people", [col("id", "INTEGER"), col("nm", "TEXT")], { primaryKey: pk(["id"]) });
const pets = table("pets", [col("id", "INTEGER"), col("owner", "INTEGER")], { foreignKeys: [fk(["owner"], "people", ["id"])] });

describe("renames", () => {
  test("a table rename comes first and the rest compares under the new name", () => {
    const persons = { ...people, name: "persons" };
    const petsAfter = { ...pets, foreignKeys: [fk(["owner"], "persons", ["id"])] };
    const changes = diff(schema({ tables: [people, pets] }), schema({ tables: [persons, petsAfter] }), hints({ tables: { persons: "people" } }));
    expect(changes).toEqual([{ kind: "RenameTable", from: "people", to: "persons" }]);
  });

  test("a column rename is a RenameColumn and the referencing foreign key in a child follows", () => {
    const after = table("people", [col("id", "INTEGER"), col("name", "TEXT")], { primaryKey: pk(["id"]) });
    const changes = diff(schema({ tables: [people, pets] }), schema({ tables: [after, pets] }), hints({ columns: { people: { name: "nm" } } }));
    expect(changes).toHaveLength(1);
    expect((changes[0] as ModifyTable).changes).toEqual([{ kind: "RenameColumn", from: "nm", to: "name" }]);
  });

  test("renamed key columns are followed in parents' refColumns, indexes, checks and trigger OF lists", () => {
    const parent = table("p", [col("pid", "INTEGER")], { primaryKey: pk(["pid"]) });
    const child = table("c", [col("x", "INTEGER", { checks: [check("x > 0")] })], {
      foreignKeys: [fk(["x"], "p", ["pid"])],
      indexes: [index("ix", "c", ["x", exprKey("abs(x)")], { where: "x IS NOT NULL" })],
      checks: [check("x < 10")],
    });
    const tr = trigger("tr", "c", "SELECT 1;", { event: "UPDATE", ofColumns: ["x"] });
    const parent2 = table("p", [col("id", "INTEGER")], { primaryKey: pk(["id"]) });
    const child2 = table("c", [col("y", "INTEGER", { checks: [check("y > 0")] })], {
      foreignKeys: [fk(["y"], "p", ["id"])],
      indexes: [index("ix", "c", ["y", exprKey("abs(y)")], { where: "y IS NOT NULL" })],
      checks: [check("y < 10")],
    });
    const tr2 = { ...tr, ofColumns: ["y"] };
    const changes = diff(
      schema({ tables: [parent, child], triggers: [tr] }),
      schema({ tables: [parent2, child2], triggers: [tr2] }),
      hints({ columns: { p: { id: "pid" }, c: { y: "x" } } }),
    );
    expect(changes.map((c) => (c.kind === "ModifyTable" ? c.changes : c))).toEqual([
      [{ kind: "RenameColumn", from: "x", to: "y" }],
      [{ kind: "RenameColumn", from: "pid", to: "id" }],
    ]);
  });

  test("a stale hint (old gone, new present) is ignored with a warning", () => {
    const persons = { ...people, name: "persons" };
    expect(codes(schema({ tables: [persons] }), schema({ tables: [persons] }), hints({ tables: { persons: "people" } }))).toEqual({
      errors: [],
      warnings: ["WARN_STALE_RENAME"],
    });
    expect(diff(schema({ tables: [persons] }), schema({ tables: [persons] }), hints({ tables: { persons: "people" } }))).toEqual([]);
  });

  test("a column hint on a table this plan creates is stale", () => {
    expect(codes(schema(), schema({ tables: [people] }), hints({ columns: { people: { nm: "name" } } })).warnings).toEqual(["WARN_STALE_RENAME"]);
  });

  test("both old and new present is a conflict", () => {
    const persons = { ...people, name: "persons" };
    expect(codes(schema({ tables: [people, persons] }), schema({ tables: [persons] }), hints({ tables: { persons: "people" } })).errors).toEqual([
      "SCHEMA_RENAME_CONFLICT",
    ]);
  });

  test("two tables renamed from one is a conflict", () => {
    const a = { ...people, name: "a" };
    const b = { ...people, name: "b" };
    expect(codes(schema({ tables: [people] }), schema({ tables: [a, b] }), hints({ tables: { a: "people", b: "people" } })).errors).toEqual([
      "SCHEMA_RENAME_CONFLICT",
    ]);
  });

  test("a chain runs in the order that frees each name; a cycle is a conflict", () => {
    const t = table("t", [col("a"), col("b")]);
    const chain = diff(schema({ tables: [t] }), schema({ tables: [table("t", [col("b"), col("c")])] }), hints({ columns: { t: { b: "a", c: "b" } } }));
    expect((chain[0] as ModifyTable).changes).toEqual([
      { kind: "RenameColumn", from: "b", to: "c" },
      { kind: "RenameColumn", from: "a", to: "b" },
    ]);
    expect(codes(schema({ tables: [t] }), schema({ tables: [table("t", [col("b"), col("a")])] }), hints({ columns: { t: { b: "a", a: "b" } } })).errors).toEqual([
      "SCHEMA_RENAME_CONFLICT",
    ]);
  });

  test("a difference in letter case only is a rename, never drop and create", () => {
    const changes = diff(
      schema({ tables: [table("Goals", [col("Name")])] }),
      schema({ tables: [table("goals", [col("name")])] }),
      hints(),
    );
    expect(changes[0]).toEqual({ kind: "RenameTable", from: "Goals", to: "goals" });
    expect((changes[1] as ModifyTable).changes).toEqual([{ kind: "RenameColumn", from: "Name", to: "name" }]);
  });

  test("renameInExpression rewrites column references only", () => {
    const m = new Map([["qty", "quantity"]]);
    expect(renameInExpression("qty > 0 AND \"QTY\" < 10 AND 'qty' <> qty(1) AND x COLLATE qty", m)).toBe(
      "quantity > 0 AND quantity < 10 AND 'qty' <> qty(1) AND x COLLATE qty",
    );
    expect(renameInExpression("a + b", new Map([["a", "order"]]))).toBe('"order" + b');
  });
});
