import { describe, expect, test } from "vitest";
import type { Schema } from "../../src/model.js";
import { check, col, fk, hints, index, pk, schema, table, trigger, unique, view } from "../helpers/builders.js";
import { planOf, statements } from "./helpers.js";

const base = table("t", [col("id", "INTEGER"), col("name", "TEXT")], { primaryKey: pk(["id"]) });
const withCols = (...extra: ReturnType<typeof col>[]) => ({ ...base, columns: [...base.columns, ...extra] });
const one = (t: ReturnType<typeof table>, rest: Partial<Schema> = {}): Schema => schema({ tables: [t], ...rest });

describe("in place or rebuild", () => {
  test("a nullable column is one safe ADD COLUMN; no foreign keys pragma needed", () => {
    const plan = planOf(one(base), one(withCols(col("note", "TEXT"))));
    expect(statements(plan)).toEqual(['ALTER TABLE "t" ADD COLUMN "note" TEXT']);
    expect(plan.steps[0]).toMatchObject({ safety: "safe", table: "t", rebuild: false, checks: [], losses: [] });
    expect(plan.needsForeignKeysOff).toBe(false);
  });

  test("DROP COLUMN in place needs 3.35.0; an older target rebuilds", () => {
    const current = one(withCols(col("old", "TEXT")));
    const inPlace = planOf(current, one(base));
    expect(statements(inPlace)).toEqual(['ALTER TABLE "t" DROP COLUMN "old"']);
    expect(inPlace.minSqliteVersion).toBe("3.35.0");
    expect(inPlace.steps[0].safety).toBe("destructive");
    expect(inPlace.steps[0].losses).toEqual([{ table: "t", column: "old", countSql: 'SELECT count(*) AS n FROM "t" WHERE "old" IS NOT NULL' }]);
    const rebuilt = planOf(current, one(base), undefined, { targetSqlite: "3.34.1" });
    expect(rebuilt.steps).toHaveLength(1);
    expect(rebuilt.steps[0]).toMatchObject({ rebuild: true, safety: "destructive" });
    expect(rebuilt.needsForeignKeysOff).toBe(true);
  });

  test("SET NOT NULL in place only from target 3.53.0", () => {
    const to = one({ ...base, columns: [base.columns[0], col("name", "TEXT", { notNull: true })] });
    expect(statements(planOf(one(base), to, undefined, { targetSqlite: "3.53.0" }))).toEqual(['ALTER TABLE "t" ALTER COLUMN "name" SET NOT NULL']);
    const plan = planOf(one(base), to);
    expect(plan.steps[0].rebuild).toBe(true);
    expect(plan.steps[0].checks.map((c) => c.countSql)).toEqual(['SELECT count(*) AS n FROM "t" WHERE "name" IS NULL']);
  });

  test("every change of one table is merged into exactly one rebuild", () => {
    const from = withCols(col("a", "TEXT"), col("gone", "TEXT"));
    const to = { ...base, columns: [...base.columns, col("a", "INTEGER"), col("b", "TEXT", { default: "'x'" })], uniques: [unique(["name"])] };
    const plan = planOf(one(from), one(to));
    expect(plan.steps.filter((s) => s.rebuild && s.sql.some((q) => q.startsWith("CREATE TABLE")))).toHaveLength(1);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0].why).toMatch(/^rebuild t: /);
    expect(plan.steps[0].why).toContain("drop column gone");
    expect(plan.steps[0].why).toContain("add column b");
  });
});

describe("the rebuild step", () => {
  test("creates, copies explicitly (rowid kept, generated never), drops, renames", () => {
    const from = table("t", [col("a", "TEXT"), col("g", "TEXT", { generated: { expr: "a || 'x'", stored: true } })]);
    const to = table("t", [col("a", "TEXT", { notNull: true }), col("g", "TEXT", { generated: { expr: "a || 'x'", stored: true } })]);
    const [step] = planOf(one(from), one(to)).steps;
    expect(step.sql[0]).toMatch(/^CREATE TABLE "t__schemadiff_new" \(/);
    expect(step.sql.slice(1)).toEqual([
      'INSERT OR ABORT INTO "t__schemadiff_new" (rowid, "a") SELECT rowid, "a" FROM "t"',
      'DROP TABLE "t"',
      'ALTER TABLE "t__schemadiff_new" RENAME TO "t"',
    ]);
  });

  test("a copied INTEGER PRIMARY KEY carries the rowid; no separate rowid column", () => {
    const to = { ...base, columns: [base.columns[0], col("name", "TEXT", { collate: "NOCASE" })] };
    const [step] = planOf(one(base), one(to)).steps;
    expect(step.sql[1]).toBe('INSERT OR ABORT INTO "t__schemadiff_new" ("id", "name") SELECT "id", "name" FROM "t"');
  });

  test("AUTOINCREMENT tables seed sqlite_sequence before the copy", () => {
    const auto = { ...base, primaryKey: pk(["id"], { autoincrement: true }) };
    const to = { ...auto, columns: [base.columns[0], col("name", "TEXT", { notNull: true })] };
    const [step] = planOf(one(auto), one(to)).steps;
    expect(step.sql[1]).toBe(
      "INSERT INTO sqlite_sequence (name, seq) SELECT 't__schemadiff_new', seq FROM sqlite_sequence WHERE name = 't'",
    );
  });

  test("a WITHOUT ROWID side copies no rowid", () => {
    const from = table("kv", [col("k", "TEXT"), col("v")], { primaryKey: pk(["k"]) });
    const to = { ...from, withoutRowid: true, columns: [col("k", "TEXT", { notNull: true }), col("v")] };
    const [step] = planOf(one(from), one(to)).steps;
    expect(step.sql[1]).toBe('INSERT OR ABORT INTO "kv__schemadiff_new" ("k", "v") SELECT "k", "v" FROM "kv"');
  });

  test("indexes of a rebuilt table are created once, after it; dependent views and triggers wrap it", () => {
    const from = { ...base, indexes: [index("i_name", "t", ["name"])] };
    const to = { ...from, columns: [base.columns[0], col("name", "TEXT", { notNull: true })] };
    const v = view("v", "SELECT name FROM t");
    const tr = trigger("tr", "t", "SELECT 1;");
    const unrelated = view("w", "SELECT 1");
    const plan = planOf(one(from, { views: [v, unrelated], triggers: [tr] }), one(to, { views: [v, unrelated], triggers: [tr] }));
    expect(plan.steps.map((s) => s.sql[0].split(" (")[0].split(" AS")[0])).toEqual([
      'DROP TRIGGER "tr"',
      'DROP VIEW "v"',
      'CREATE TABLE "t__schemadiff_new"',
      'CREATE INDEX "i_name" ON "t"',
      'CREATE VIEW "v"',
      'CREATE TRIGGER "tr" AFTER INSERT ON "t" BEGIN\nSELECT 1;\nEND',
    ]);
  });
});

describe("data checks and losses", () => {
  test("a new NOT NULL column without default counts every row", () => {
    const plan = planOf(one(base), one(withCols(col("c", "TEXT", { notNull: true }))));
    expect(plan.steps[0].checks).toEqual([
      {
        rule: "NOT NULL on t.c",
        table: "t",
        countSql: 'SELECT count(*) AS n FROM "t"',
        sampleSql: 'SELECT rowid FROM "t" LIMIT 5',
        hint: "every existing row needs a value: give c a default or a backfill",
      },
    ]);
  });

  test("a new UNIQUE counts duplicate groups under the new collation, ignoring NULLs", () => {
    const to = { ...base, columns: [base.columns[0], col("name", "TEXT", { collate: "NOCASE" })], uniques: [unique(["name"])] };
    const [check1] = planOf(one(base), one(to)).steps[0].checks;
    expect(check1.countSql).toBe(
      'SELECT count(*) AS n FROM (SELECT 1 FROM (SELECT ("name" COLLATE NOCASE) AS "key1" FROM "t" WHERE ("name" COLLATE NOCASE) IS NOT NULL) GROUP BY "key1" COLLATE NOCASE HAVING count(*) > 1)',
    );
  });

  test("an unchanged UNIQUE on unchanged values needs no check", () => {
    const from = { ...base, uniques: [unique(["name"])] };
    const to = { ...from, columns: [...base.columns, col("x", "TEXT", { default: "CURRENT_TIMESTAMP" })] };
    expect(planOf(one(from), one(to)).steps[0].checks).toEqual([]);
  });

  test("a new CHECK counts rows where it is false; over a new column, its default stands in", () => {
    const to = withCols(col("q", "INTEGER", { default: "(5)", checks: [check("q > id")] }));
    const [c] = planOf(one(base), one(to)).steps[0].checks;
    // The default as the INTEGER column stores it (applyAffinity, tested in test/property/affinity.test.ts).
    const five = "(CASE WHEN typeof(((5))) = 'text' AND CAST(((5)) AS NUMERIC) = ((5)) THEN CAST(((5)) AS NUMERIC) WHEN typeof(((5))) = 'real' AND CAST(((5)) AS INTEGER) = ((5)) THEN CAST(((5)) AS INTEGER) ELSE ((5)) END)";
    expect(c.countSql).toBe(`SELECT count(*) AS n FROM "t" WHERE NOT (${five} > "id")`);
  });

  test("a new foreign key counts orphans with non-NULL keys", () => {
    const parent = table("p", [col("id", "INTEGER")], { primaryKey: pk(["id"]) });
    const from = table("c", [col("pid", "INTEGER")]);
    const to = { ...from, foreignKeys: [fk(["pid"], "p")] };
    const plan = planOf(schema({ tables: [parent, from] }), schema({ tables: [parent, to] }));
    expect(plan.steps[0].checks[0].countSql).toBe(
      'SELECT count(*) AS n FROM "c" AS "schemadiff_child" WHERE "schemadiff_child"."pid" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "p" AS "schemadiff_parent" WHERE "schemadiff_parent"."id" = "schemadiff_child"."pid")',
    );
    expect(plan.needsForeignKeysOff).toBe(true);
  });

  test("STRICT checks every column whose values may not fit", () => {
    const to = { ...base, strict: true };
    const [c] = planOf(one(base), one(to)).steps[0].checks;
    expect(c.rule).toBe("STRICT typing of t");
    expect(c.countSql).toContain(`typeof("name") = 'blob'`);
    expect(c.countSql).toContain(`CAST("id" AS INTEGER) = "id"`);
  });

  test("a dropped table is destructive with a row count; dropping a referenced parent needs foreign keys off", () => {
    const parent = table("p", [col("id", "INTEGER")], { primaryKey: pk(["id"]) });
    const child = table("c", [col("pid", "INTEGER")], { foreignKeys: [fk(["pid"], "p")] });
    const plan = planOf(schema({ tables: [parent, child] }), schema({ tables: [] }));
    expect(plan.steps.map((s) => s.sql[0])).toEqual(['DROP TABLE "c"', 'DROP TABLE "p"']);
    expect(plan.steps.every((s) => s.safety === "destructive")).toBe(true);
    expect(plan.steps[1].losses).toEqual([{ table: "p", column: null, countSql: 'SELECT count(*) AS n FROM "p"' }]);
    expect(plan.needsForeignKeysOff).toBe(true);
  });

  test("a TEXT column turning INTEGER estimates the values its affinity would rewrite", () => {
    const from = withCols(col("v", "TEXT"));
    const to = withCols(col("v", "INTEGER"));
    const [step] = planOf(one(from), one(to)).steps;
    expect(step.safety).toBe("destructive");
    expect(step.losses[0].column).toBe("v");
  });

  test("a unique index carries a duplicates check only when it is new or its values change", () => {
    const ux = index("ux", "t", ["name"], { unique: true });
    const added = planOf(one(base), one({ ...base, indexes: [ux] }));
    expect(added.steps[0]).toMatchObject({ safety: "data-dependent", why: "create index ux on t" });
    const from = { ...base, indexes: [ux] };
    const to = { ...from, columns: [base.columns[0], col("name", "TEXT", { notNull: true })] };
    const recreated = planOf(one(from), one(to)).steps.find((s) => s.sql[0].startsWith("CREATE UNIQUE INDEX"));
    expect(recreated).toMatchObject({ safety: "safe", rebuild: true, why: "recreate index ux on rebuilt t" });
  });
});

describe("backfills", () => {
  test("a column added in place with a default is backfilled on every row", () => {
    const plan = planOf(one(base), one(withCols(col("slug", "TEXT", { notNull: true, default: "''" }))), hints({ backfills: { t: { slug: "lower(name)" } } }));
    expect(statements(plan)).toEqual([
      `ALTER TABLE "t" ADD COLUMN "slug" TEXT NOT NULL DEFAULT ''`,
      'UPDATE OR ABORT "t" SET "slug" = (lower(name))',
    ]);
    expect(plan.steps[1].checks[0].countSql).toBe('SELECT count(*) AS n FROM "t" WHERE (lower(name)) IS NULL');
  });

  test("NOT NULL without default: add bare, backfill, then rebuild (or SET NOT NULL at 3.53)", () => {
    const to = one(withCols(col("slug", "TEXT", { notNull: true })));
    const h = hints({ backfills: { t: { slug: "lower(name)" } } });
    const plan = planOf(one(base), to, h);
    expect(plan.steps.map((s) => s.sql[0].split("\n")[0])).toEqual([
      'ALTER TABLE "t" ADD COLUMN "slug" TEXT',
      'UPDATE OR ABORT "t" SET "slug" = (lower(name))',
      'CREATE TABLE "t__schemadiff_new" (',
    ]);
    expect(plan.steps[2].checks[0].countSql).toBe('SELECT count(*) AS n FROM "t" WHERE "slug" IS NULL');
    expect(statements(planOf(one(base), to, h, { targetSqlite: "3.53.0" }))).toEqual([
      'ALTER TABLE "t" ADD COLUMN "slug" TEXT',
      'UPDATE OR ABORT "t" SET "slug" = (lower(name))',
      'ALTER TABLE "t" ALTER COLUMN "slug" SET NOT NULL',
    ]);
  });

  test("a column becoming NOT NULL is backfilled only where NULL; a full statement runs as written", () => {
    const to = one({ ...base, columns: [base.columns[0], col("name", "TEXT", { notNull: true })] });
    expect(planOf(one(base), to, hints({ backfills: { t: { name: "'?'" } } })).steps[0].sql).toEqual([
      `UPDATE OR ABORT "t" SET "name" = ('?') WHERE "name" IS NULL`,
    ]);
    const statement = "UPDATE t SET name = 'x' || id WHERE name IS NULL";
    expect(planOf(one(base), to, hints({ backfills: { t: { name: statement } } })).steps[0].sql).toEqual([statement]);
  });

  test("a backfill on a column that is neither new nor tightened never runs", () => {
    expect(planOf(one(base), one(base), hints({ backfills: { t: { name: "'x'" } } })).steps).toEqual([]);
  });
});

describe("renames in the plan", () => {
  test("table renames run first; a case-only rename goes through a temporary name", () => {
    const plan = planOf(one(base), one({ ...base, name: "T" }));
    expect(statements(plan)).toEqual(['ALTER TABLE "t" RENAME TO "T__schemadiff_rename"', 'ALTER TABLE "T__schemadiff_rename" RENAME TO "T"']);
    expect(plan.minSqliteVersion).toBe("3.26.0");
  });

  test("below 3.25 a column rename is copied by the rebuild, and children naming it are rebuilt", () => {
    const parent = table("p", [col("pid", "INTEGER")], { primaryKey: pk(["pid"]) });
    const child = table("c", [col("x", "INTEGER")], { foreignKeys: [fk(["x"], "p", ["pid"])] });
    const parent2 = table("p", [col("id", "INTEGER")], { primaryKey: pk(["id"]) });
    const child2 = table("c", [col("x", "INTEGER")], { foreignKeys: [fk(["x"], "p", ["id"])] });
    const plan = planOf(schema({ tables: [parent, child] }), schema({ tables: [parent2, child2] }), hints({ columns: { p: { id: "pid" } } }), {
      targetSqlite: "3.24.0",
    });
    expect(plan.steps.map((s) => s.table)).toEqual(["p", "c"]);
    expect(plan.steps[0].sql[1]).toBe('INSERT OR ABORT INTO "p__schemadiff_new" ("id") SELECT "pid" FROM "p"');
    expect(plan.steps[1].why).toContain("renamed by rebuild");
  });
});

describe("order", () => {
  test("creates parents before children and drops children before parents", () => {
    const a = table("a", [col("b_id")], { foreignKeys: [fk(["b_id"], "b")] });
    const b = table("b", [col("c_id")], { foreignKeys: [fk(["c_id"], "c")] });
    const c = table("c", [col("id", "INTEGER")], { primaryKey: pk(["id"]) });
    expect(planOf(schema(), schema({ tables: [a, b, c] })).steps.map((s) => s.table)).toEqual(["c", "b", "a"]);
    expect(planOf(schema({ tables: [a, b, c] }), schema()).steps.map((s) => s.table)).toEqual(["a", "b", "c"]);
  });

  test("phases: drop triggers, views, indexes; tables; create indexes, views, triggers", () => {
    const from = { ...base, indexes: [index("i_old", "t", ["name"])] };
    const to = { ...withCols(col("x")), indexes: [index("i_new", "t", ["x"])] };
    const plan = planOf(
      one(from, { views: [view("v_old", "SELECT 1")], triggers: [trigger("tr_old", "t", "SELECT 1;")] }),
      one(to, { views: [view("v_new", "SELECT x FROM t")], triggers: [trigger("tr_new", "t", "SELECT 2;")] }),
    );
    expect(plan.steps.map((s) => s.sql[0].split(" ").slice(0, 2).join(" "))).toEqual([
      "DROP TRIGGER",
      "DROP VIEW",
      "DROP INDEX",
      "ALTER TABLE",
      "CREATE INDEX",
      "CREATE VIEW",
      "CREATE TRIGGER",
    ]);
  });

  test("column order alone: no steps, one note", () => {
    const plan = planOf(one(withCols(col("a"), col("b"))), one(withCols(col("b"), col("a"))));
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toHaveLength(1);
  });
});
