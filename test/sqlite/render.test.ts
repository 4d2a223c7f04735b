import { describe, expect, it } from "vitest";
import type { Schema, Table, Trigger, View } from "../../src/model.js";
import { referencedNames, viewCreationOrder } from "../../src/sqlite/dependencies.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { renderCreateIndex, renderCreateTable, renderCreateTrigger, renderCreateView, renderSchema } from "../../src/sqlite/render.js";
import { colKey, column, exprKey, index, memoryDb, table } from "./helpers.js";

/** Renders a declared schema, runs it in a scratch database and reads it back. */
async function normalise(schema: Schema): Promise<Schema> {
  const db = await memoryDb();
  for (const s of renderSchema(schema)) db.exec(s);
  const r = introspect(db);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}
const only = (tables: Table[], views: View[] = [], triggers: Trigger[] = []): Schema => ({ tables, views, triggers, virtualTables: [] });

describe("render", () => {
  it("renders a table with every kind of constraint", () => {
    const t = table("t", [
      column("id", { type: "INTEGER" }),
      column("name", { type: "TEXT", notNull: true, collate: "NOCASE", checks: [{ name: "ck_name", expr: "name <> ''" }] }),
      column("n", { default: "(1 + 1)", generated: null }),
      column("g", { generated: { expr: "n * 2", stored: true } }),
    ], {
      primaryKey: { name: null, columns: ["id"], autoincrement: true, desc: false, onConflict: null },
      uniques: [{ name: "uq", columns: ["name", "n"], onConflict: "IGNORE" }],
      checks: [{ name: null, expr: "n > 0" }],
      foreignKeys: [{ name: "fk", columns: ["n"], refTable: "p q", refColumns: [], onDelete: "CASCADE", onUpdate: "NO ACTION", deferred: true }],
      strict: true,
    });
    expect(renderCreateTable(t)).toBe(`CREATE TABLE "t" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "name" TEXT NOT NULL COLLATE NOCASE CONSTRAINT "ck_name" CHECK (name <> ''),
  "n" DEFAULT (1 + 1),
  "g" GENERATED ALWAYS AS (n * 2) STORED,
  CONSTRAINT "uq" UNIQUE ("name", "n") ON CONFLICT IGNORE,
  CHECK (n > 0),
  CONSTRAINT "fk" FOREIGN KEY ("n") REFERENCES "p q" ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) STRICT`);
    expect(renderCreateTable(t, "t_new").startsWith('CREATE TABLE "t_new" (')).toBe(true);
  });

  it("renders composite keys at table level and options together", () => {
    const t = table("w", [column("a", { type: "TEXT" }), column("b")], {
      primaryKey: { name: "pk", columns: ["b", "a"], autoincrement: false, desc: false, onConflict: "ABORT" },
      withoutRowid: true, strict: true,
    });
    expect(renderCreateTable(t)).toBe('CREATE TABLE "w" (\n  "a" TEXT,\n  "b",\n  CONSTRAINT "pk" PRIMARY KEY ("b", "a") ON CONFLICT ABORT\n) WITHOUT ROWID, STRICT');
  });

  it("renders indexes, on another table name when asked", () => {
    const i = index("i", "t", [colKey("a", { collate: "NOCASE" }), exprKey("lower(b)", { desc: true })], { unique: true, where: "a > 0" });
    expect(renderCreateIndex(i)).toBe('CREATE UNIQUE INDEX "i" ON "t" ("a" COLLATE NOCASE, lower(b) DESC) WHERE a > 0');
    expect(renderCreateIndex(i, "t_new")).toContain('ON "t_new" (');
  });

  it("renders views and triggers", () => {
    expect(renderCreateView({ name: "v", columns: ["x", "y z"], select: "SELECT 1, 2" })).toBe('CREATE VIEW "v" ("x", "y z") AS SELECT 1, 2');
    expect(renderCreateTrigger({ name: "tr", table: "t", timing: "INSTEAD OF", event: "UPDATE", ofColumns: ["a"], when: "new.a > 0", body: "SELECT 1;\nSELECT 2;" }))
      .toBe('CREATE TRIGGER "tr" INSTEAD OF UPDATE OF "a" ON "t" WHEN new.a > 0 BEGIN\nSELECT 1;\nSELECT 2;\nEND');
  });

  it("lets SQLite decide what a declared index term means", async () => {
    const declared = table("t", [column("created_at"), column("name", { type: "TEXT" })], {
      indexes: [index("i", "t", [
        { column: null, expr: "created_at DESC", collate: null, desc: false },
        { column: null, expr: "name COLLATE nocase", collate: null, desc: false },
        { column: null, expr: "lower(name)", collate: null, desc: false },
      ])],
    });
    const [t] = (await normalise(only([declared]))).tables;
    expect(t.indexes[0].keys).toEqual([colKey("created_at", { desc: true }), colKey("name", { collate: "NOCASE" }), exprKey("lower(name)")]);
  });

  it("emits declared SQL text verbatim and SQLite normalises it (even the type: int -> INT)", async () => {
    const declared = table("t", [
      column("a", { type: "int", default: "( 1+1 )", checks: [{ name: null, expr: '"a">0' }] }),
      column("b", { generated: { expr: "(a*2)", stored: false } }),
    ], { checks: [{ name: null, expr: "(a < 10)" }] });
    const [t] = (await normalise(only([declared]))).tables;
    expect(t.columns[0]).toEqual(column("a", { type: "INT", default: "(1 + 1)", checks: [{ name: null, expr: "a > 0" }] }));
    expect(t.columns[1].generated).toEqual({ expr: "a * 2", stored: false });
    expect(t.checks).toEqual([{ name: null, expr: "a < 10" }]);
  });

  it("parenthesises a DEFAULT that is not a single term, so it cannot add constraints", async () => {
    const declared = table("t", [column("a", { default: "0 NOT NULL" }), column("b", { default: "'x' || 'y'" }), column("c", { default: "-1" })]);
    const [t] = (await normalise(only([declared]))).tables;
    expect(t.columns.map((c) => [c.default, c.notNull])).toEqual([["(0 NOT NULL)", false], ["('x' || 'y')", false], ["-1", false]]);
  });

  it("terminates a declared trigger body, even one ending in a comment", async () => {
    const base = table("t", [column("a")]);
    const body = (name: string, b: string): Trigger => ({ name, table: "t", timing: "AFTER", event: "INSERT", ofColumns: [], when: null, body: b });
    const s = await normalise(only([base], [], [body("t1", "select 1"), body("t2", "SELECT 1; -- done"), body("t3", "SELECT 1 -- no semicolon"), body("t4", "  SELECT 1;\n  SELECT 2 ")]));
    expect(s.triggers.map((t) => t.body)).toEqual(["SELECT 1;", "SELECT 1;", "SELECT 1;", "SELECT 1;\nSELECT 2;"]);
  });

  it("creates views after the views they read, whatever their names", async () => {
    const base = table("t", [column("a")]);
    const views: View[] = [
      { name: "a_top", columns: null, select: "SELECT * FROM m_mid" },
      { name: "m_mid", columns: null, select: "SELECT a FROM z_base" },
      { name: "z_base", columns: null, select: "SELECT a FROM t" },
    ];
    const sql = renderSchema(only([base], views));
    expect(sql.filter((s) => s.startsWith("CREATE VIEW")).map((s) => s.split('"')[1])).toEqual(["z_base", "m_mid", "a_top"]);
    expect((await normalise(only([base], views))).views.map((v) => v.name)).toEqual(["a_top", "m_mid", "z_base"]);
  });
});

describe("dependencies", () => {
  it("finds the candidates a statement names, ignoring strings and comments", () => {
    const names = new Set(["users", "Orders", "order", "skip"]);
    expect(referencedNames(`SELECT * FROM users u JOIN "ORDERS" o ON o.x = u.y WHERE 'skip' <> "order" -- skip`, names)).toEqual(["users", "Orders", "order"]);
    expect(referencedNames("SELECT 1", names)).toEqual([]);
  });

  it("orders views by dependency and returns a cycle as-is", () => {
    const v = (name: string, select: string): View => ({ name, columns: null, select });
    const diamond = [v("top", "SELECT * FROM l JOIN r"), v("l", "SELECT * FROM base"), v("r", "SELECT * FROM base"), v("base", "SELECT 1")];
    expect(viewCreationOrder(diamond).map((x) => x.name)).toEqual(["base", "l", "r", "top"]);
    const cycle = [v("x", "SELECT * FROM y"), v("y", "SELECT * FROM x"), v("z", "SELECT 1")];
    expect(viewCreationOrder(cycle).map((x) => x.name).sort()).toEqual(["x", "y", "z"]);
    expect(viewCreationOrder([v("self", "SELECT * FROM self")]).map((x) => x.name)).toEqual(["self"]);
  });
});
