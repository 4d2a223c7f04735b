/** Names across the declaration: duplicates, references to what is not declared, renames. */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSchema } from "../../src/load/index.js";
import { diagnosticsOf, folder, load, positions, sqljs, valueOf } from "./helpers.js";

const T = ["tables:", "  goals:", "    columns:", "      id: { type: TEXT, primary_key: true }", "      name: TEXT"];

describe("duplicates", () => {
  test("one table in two files: reported in the second, naming the first", async () => {
    const dir = folder({
      "a.yaml": "tables:\n  goals:\n    columns: { id: TEXT }\n",
      "b.yaml": "# more\ntables:\n  goals:\n    columns: { id: TEXT }\n",
    });
    const result = loadSchema(dir, await sqljs());
    expect(diagnosticsOf(result).map((d) => [d.code, d.file, d.line, d.col])).toEqual([["SCHEMA_DUPLICATE", join(dir, "b.yaml"), 3, 3]]);
    expect(diagnosticsOf(result)[0].message).toContain(`${join(dir, "a.yaml")}:2:3`);
  });

  test("names differing only in case are the same name to SQLite", async () => {
    const result = await load("tables:", "  goals:", "    columns: { id: TEXT }", "  Goals:", "    columns: { id: TEXT }");
    expect(positions(result)).toEqual([["SCHEMA_DUPLICATE", 4, 3]]);
  });

  test("a table and a view share one namespace", async () => {
    expect(positions(await load(...T, "views:", "  goals: SELECT 1"))).toEqual([["SCHEMA_DUPLICATE", 7, 3]]);
  });

  test("index names are global, and shared with tables", async () => {
    const result = await load(
      "tables:",
      "  a:",
      "    columns: { x: INT }",
      "    indexes: { idx_x: [x], b: [x] }",
      "  b:",
      "    columns: { x: INT }",
      "    indexes:",
      "      idx_x: [x]",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_DUPLICATE", 4, 28],
      ["SCHEMA_DUPLICATE", 8, 7],
    ]);
  });

  test("a trigger may share a table's name but not another trigger's", async () => {
    const trigger = (name: string): string[] => [`  ${name}:`, "    table: goals", "    timing: AFTER", "    event: INSERT", "    body: SELECT 1;"];
    expect((await load(...T, "triggers:", ...trigger("goals"))).ok).toBe(true);
    expect(positions(await load(...T, "triggers:", ...trigger("trg"), ...trigger("TRG")))).toEqual([["SCHEMA_DUPLICATE", 12, 3]]);
  });

  test("columns differing only in case", async () => {
    expect(positions(await load("tables:", "  t:", "    columns:", "      name: TEXT", "      Name: TEXT"))).toEqual([["SCHEMA_DUPLICATE", 5, 7]]);
  });

  test("two primary keys", async () => {
    expect(positions(await load("tables:", "  t:", "    columns:", "      a: { type: INT, primary_key: true }", "      b: { type: INT, primary_key: true }"))).toEqual([
      ["SCHEMA_DUPLICATE", 5, 23],
    ]);
    expect(positions(await load("tables:", "  t:", "    columns:", "      a: { type: INT, primary_key: true }", "      b: INT", "    primary_key: [a, b]"))).toEqual([
      ["SCHEMA_DUPLICATE", 4, 23],
    ]);
  });
});

describe("references to what is not declared", () => {
  // SQLite creates a table whose foreign key names no table, and databases that ran with foreign
  // keys off often have one: the dump of any database must load, so this is a warning.
  test("a foreign key to a missing table: a warning, with a suggestion", async () => {
    const result = await load(...T, "      parent_id: { type: TEXT, references: gaols }");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.code, w.line, w.col])).toEqual([["WARN_MISSING_PARENT", 6, 44]]);
    expect(result.warnings[0].message).toContain("`goals`");
    expect(valueOf(result).schema.tables[0].foreignKeys.map((fk) => fk.refTable)).toEqual(["gaols"]);
  });

  test("a foreign key to an index name is still an error", async () => {
    const result = await load(...T, "      parent_id: { type: TEXT, references: goals_name }", "    indexes:", "      goals_name: [ name ]");
    expect(positions(result)).toEqual([["SCHEMA_MISSING_TABLE", 6, 44]]);
  });

  test("a foreign key to a view", async () => {
    const result = await load(...T, "      v_id: { references: v }", "views:", "  v: SELECT 1 AS id");
    expect(positions(result)).toEqual([["SCHEMA_MISSING_TABLE", 6, 27]]);
  });

  test("a foreign key to a missing parent column", async () => {
    const result = await load(...T, "      parent_id: { type: TEXT, references: { table: goals, column: ide } }");
    expect(positions(result)).toEqual([["SCHEMA_MISSING_COLUMN", 6, 68]]);
    expect(diagnosticsOf(result)[0].message).toContain("`id`");
  });

  test("table-level foreign keys: missing child and parent columns", async () => {
    const result = await load(
      ...T,
      "    foreign_keys:",
      "      - { columns: [name, nope], references: { table: goals, columns: [id, gone] } }",
      "      - { columns: [name], references: { table: missing } }",
    );
    // The missing parent table is only a warning (above); the columns are errors.
    expect(positions(result)).toEqual([
      ["SCHEMA_MISSING_COLUMN", 7, 27],
      ["SCHEMA_MISSING_COLUMN", 7, 76],
    ]);
  });

  test("keys on missing columns", async () => {
    const result = await load(
      "tables:",
      "  t:",
      "    columns: { a: INT }",
      "    primary_key: [a, b]",
      "    unique:",
      "      - [c]",
      "      - { columns: [a, d] }",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_MISSING_COLUMN", 4, 22],
      ["SCHEMA_MISSING_COLUMN", 6, 10],
      ["SCHEMA_MISSING_COLUMN", 7, 24],
    ]);
  });

  test("index terms naming missing columns (a lone name, quoted or not, with COLLATE and order)", async () => {
    const result = await load(
      "tables:",
      "  t:",
      "    columns: { a: INT, b: TEXT }",
      "    indexes:",
      "      i1: [a, nope]",
      "      i2: ['\"gone\" DESC', b COLLATE NOCASE, 'lower(b)']",
      "      i3: { columns: [{ column: zz }] }",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_MISSING_COLUMN", 5, 15],
      ["SCHEMA_MISSING_COLUMN", 6, 12],
      ["SCHEMA_MISSING_COLUMN", 7, 33],
    ]);
  });

  test("an index term object needs exactly one of column and expr", async () => {
    const result = await load(
      "tables:",
      "  t:",
      "    columns: { a: INT }",
      "    indexes:",
      "      i1: { columns: [{ desc: true }] }",
      "      i2: { columns: [{ column: a, expr: a + 1 }] }",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_MISSING_KEY", 5, 23],
      ["SCHEMA_TYPE", 6, 23],
    ]);
  });

  test("a trigger on a missing table, and UPDATE OF a missing column", async () => {
    const result = await load(
      ...T,
      "triggers:",
      "  a:",
      "    table: goalz",
      "    timing: AFTER",
      "    event: INSERT",
      "    body: SELECT 1;",
      "  b:",
      "    table: goals",
      "    timing: AFTER",
      "    event: UPDATE",
      "    of: [name, nmae]",
      "    body: SELECT 1;",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_MISSING_TABLE", 8, 12],
      ["SCHEMA_MISSING_COLUMN", 16, 16],
    ]);
  });

  test("`of` only goes with UPDATE", async () => {
    const result = await load(...T, "triggers:", "  a:", "    table: goals", "    timing: AFTER", "    event: INSERT", "    of: [name]", "    body: SELECT 1;");
    expect(positions(result)).toEqual([["SCHEMA_TYPE", 11, 5]]);
  });

  test("AUTOINCREMENT off the primary key", async () => {
    const result = await load("tables:", "  t:", "    columns:", "      id: { type: INTEGER, primary_key: true }", "      n: { type: INTEGER, autoincrement: true }");
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 5, 27]]);
  });
});

describe("renames", () => {
  test("renamed from a name that is still declared", async () => {
    const result = await load(
      "tables:",
      "  a:",
      "    renamed_from: b",
      "    columns:",
      "      x: { type: INT, renamed_from: y }",
      "      y: INT",
      "  b:",
      "    columns: { z: INT }",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_RENAME_CONFLICT", 3, 19],
      ["SCHEMA_RENAME_CONFLICT", 5, 37],
    ]);
  });

  test("two objects renamed from one old name", async () => {
    const result = await load(
      "tables:",
      "  a:",
      "    renamed_from: old",
      "    columns:",
      "      x: { type: INT, renamed_from: w }",
      "      y: { type: INT, renamed_from: W }",
      "  b:",
      "    renamed_from: old",
      "    columns: { z: INT }",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_RENAME_CONFLICT", 6, 37],
      ["SCHEMA_RENAME_CONFLICT", 8, 19],
    ]);
  });
});
