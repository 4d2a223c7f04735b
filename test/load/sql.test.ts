/**
 * SQL text in the YAML: lexical shape checks before anything runs (SCHEMA_NOT_EXPRESSION,
 * SCHEMA_INVALID_SQL), then SQLite's own verdict from the scratch database, each pointed at
 * the YAML part responsible.
 */
import { describe, expect, test } from "vitest";
import { isPrimaryExpr } from "../../src/load/sql-text.js";
import { diagnosticsOf, load, positions, warningPositions } from "./helpers.js";

const table = (...columns: string[]): string[] => ["tables:", "  t:", "    columns:", ...columns.map((c) => `      ${c}`)];

describe("text that could escape its statement is refused before any DDL runs", () => {
  test("a CHECK that closes its parenthesis and starts a new statement", async () => {
    const result = await load(...table(`a: { type: INT, check: "1); DROP TABLE x; --" }`));
    expect(positions(result)).toEqual([["SCHEMA_NOT_EXPRESSION", 4, 30]]);
  });

  test("defaults, generated expressions, index WHERE, trigger WHEN, index terms", async () => {
    const result = await load(
      ...table(`a: { type: INT, default: "(1), b INT DEFAULT (2)" }`, `g: { generated: "a) STORED, c INT --" }`),
      "    indexes:",
      `      i1: { columns: [a], where: "a = 1; DROP TABLE t" }`,
      `      i2: ["a, a"]`,
      "triggers:",
      "  trg:",
      "    table: t",
      "    timing: AFTER",
      "    event: INSERT",
      `    when: "1 BEGIN SELECT 1; END; --"`,
      "    body: SELECT 1;",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_NOT_EXPRESSION", 4, 32],
      ["SCHEMA_NOT_EXPRESSION", 5, 23],
      ["SCHEMA_NOT_EXPRESSION", 7, 34],
      ["SCHEMA_NOT_EXPRESSION", 8, 12],
      ["SCHEMA_NOT_EXPRESSION", 14, 11],
    ]);
  });

  test("a raw SQL default is held to the same rule", async () => {
    expect(positions(await load(...table(`a: { default: { sql: "0, b INT" } }`)))).toEqual([["SCHEMA_NOT_EXPRESSION", 4, 28]]);
  });

  test("a type that carries constraints or more columns", async () => {
    const result = await load(...table("a: TEXT NOT NULL", `b: "TEXT, evil INT"`, "c: VARCHAR(255)", "d: DECIMAL(10, 2)"));
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 4, 10],
      ["SCHEMA_INVALID_SQL", 5, 10],
    ]);
    expect(diagnosticsOf(result)[0].message).toContain("NOT");
  });

  test("a view that is not one SELECT", async () => {
    const result = await load(...table("a: INT"), "views:", `  v1: "SELECT 1; DROP TABLE t"`, "  v2: DELETE FROM t", "  v3: { sql: 'SELECT a FROM t;' }");
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 6, 7],
      ["SCHEMA_INVALID_SQL", 7, 7],
    ]);
  });

  test("a trigger body that ends the trigger early", async () => {
    const result = await load(
      ...table("a: INT"),
      "triggers:",
      "  trg:",
      "    table: t",
      "    timing: AFTER",
      "    event: INSERT",
      "    body: SELECT 1; END; DROP TABLE t; CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1;",
    );
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 10, 11]]);
  });

  test("CASE ... END inside a trigger body is fine", async () => {
    const result = await load(
      ...table("a: INT"),
      "triggers:",
      "  trg:",
      "    table: t",
      "    timing: BEFORE",
      "    event: INSERT",
      "    body: SELECT CASE WHEN NEW.a < 0 THEN RAISE(ABORT, 'negative') END",
    );
    expect(result.ok).toBe(true);
  });

  test("a virtual table statement that is not one, or names another table", async () => {
    const result = await load(
      "virtual_tables:",
      "  docs: CREATE TABLE docs (a)",
      "  notes: CREATE VIRTUAL TABLE other USING fts5(body)",
      "  x: CREATE VIRTUAL TABLE x USING fts5(a); DROP TABLE y",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 2, 9],
      ["SCHEMA_INVALID_SQL", 3, 10],
      ["SCHEMA_INVALID_SQL", 4, 6],
    ]);
  });

  test("a default number that is not finite", async () => {
    expect(positions(await load(...table("a: { default: .inf }", "b: { default: -.inf }")))).toEqual([
      ["SCHEMA_TYPE", 4, 21],
      ["SCHEMA_TYPE", 5, 21],
    ]);
  });

  test("a backfill that is neither an expression, a SELECT nor an UPDATE", async () => {
    expect(positions(await load(...table(`a: { type: INT, backfill: "DROP TABLE t" }`)))).toEqual([["SCHEMA_NOT_EXPRESSION", 4, 33]]);
  });
});

describe("SQLite's verdict, at the YAML part responsible", () => {
  test("a CHECK naming a missing column", async () => {
    const result = await load(...table("type: { type: TEXT, check: \"typ IN ('a', 'b')\" }"));
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 4, 34]]);
    expect(diagnosticsOf(result)[0].message).toBe("tables.t.columns.type.check: no such column: typ");
  });

  test("the second of several checks, and a table check", async () => {
    const result = await load(...table("a: { type: INT, check: [a > 0, b > 0] }"), "    checks:", "      - a < 10", "      - { name: ck, expr: c > 0 }");
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 4, 38]]);
    const second = await load(...table("a: INT"), "    checks:", "      - a < 10", "      - { name: ck, expr: c > 0 }");
    expect(positions(second)).toEqual([["SCHEMA_INVALID_SQL", 7, 9]]);
  });

  test("generated columns, defaults and collations", async () => {
    expect(positions(await load(...table("a: INT", "g: { generated: { as: nope + 1, stored: true } }")))).toEqual([["SCHEMA_INVALID_SQL", 5, 29]]);
    expect(positions(await load(...table("a: INT", "b: { default: (a + 1) }")))).toEqual([["SCHEMA_INVALID_SQL", 5, 21]]);
    expect(positions(await load(...table("a: { type: TEXT, collate: KLINGON }")))).toEqual([["SCHEMA_INVALID_SQL", 4, 33]]);
  });

  test("STRICT with a type it does not know, WITHOUT ROWID without a key", async () => {
    expect(positions(await load("tables:", "  t:", "    strict: true", "    columns: { a: DATETIME }"))).toEqual([["SCHEMA_INVALID_SQL", 3, 13]]);
    expect(positions(await load("tables:", "  t:", "    without_rowid: true", "    columns: { a: INT }"))).toEqual([["SCHEMA_INVALID_SQL", 3, 20]]);
  });

  test("reserved names", async () => {
    expect(positions(await load("tables:", "  sqlite_stuff:", "    columns: { a: INT }"))).toEqual([["SCHEMA_INVALID_SQL", 2, 3]]);
    expect(positions(await load("tables:", "  t:", "    columns: { a: INT }", "views:", "  _SchemaDiff_x: SELECT 1"))).toEqual([["SCHEMA_INVALID_SQL", 5, 3]]);
  });

  test("a failing table is reported once, not again by the views and triggers over it", async () => {
    const result = await load(
      "tables:",
      "  t:",
      "    columns: { a: { type: INT, check: nope > 0 } }",
      "views:",
      "  v: SELECT * FROM t",
      "  w: SELECT * FROM v",
      "triggers:",
      "  trg:",
      "    table: t",
      "    timing: AFTER",
      "    event: INSERT",
      "    body: SELECT 1;",
    );
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 3, 39]]);
  });

  test("a view over a virtual table whose module this SQLite lacks", async () => {
    const result = await load("virtual_tables:", "  docs: CREATE VIRTUAL TABLE docs USING fts5(body)", "views:", "  v: SELECT body FROM docs");
    expect(result.ok).toBe(true);
  });

  test("index terms and WHERE naming missing columns", async () => {
    const result = await load(...table("a: INT"), "    indexes:", "      i1: [a, lower(b)]", "      i2: { columns: [a], where: b > 0 }");
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 6, 15],
      ["SCHEMA_INVALID_SQL", 7, 34],
    ]);
  });

  test("a view over a missing table, and one over a missing column", async () => {
    const result = await load(...table("a: INT"), "views:", "  v1: SELECT * FROM goalz", "  v2: SELECT b FROM t");
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 6, 7],
      ["SCHEMA_INVALID_SQL", 7, 7],
    ]);
    expect(diagnosticsOf(result)[0].message).toContain("no such table");
  });

  test("a trigger on a view that does not compile: the view is reported, once, and nothing throws", async () => {
    const result = await load(
      ...table("a: INT"),
      "views:",
      "  v: SELECT b FROM t",
      "triggers:",
      "  trg:",
      "    table: v",
      "    timing: INSTEAD OF",
      "    event: DELETE",
      "    body: DELETE FROM t WHERE a = OLD.a;",
    );
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 6, 6]]);
    expect(diagnosticsOf(result)[0].message).toContain("no such column: b");
  });

  test("views that depend on each other in a circle", async () => {
    const result = await load("views:", "  a: SELECT * FROM b", "  b: SELECT * FROM a");
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 2, 6],
      ["SCHEMA_INVALID_SQL", 3, 6],
    ]);
  });

  test("a view whose column list does not match its SELECT", async () => {
    expect(positions(await load("views:", "  v: { columns: [a, b], sql: SELECT 1 }"))).toEqual([["SCHEMA_INVALID_SQL", 2, 30]]);
  });

  test("trigger bodies and WHEN naming missing columns", async () => {
    const trigger = (name: string, event: string, extra: string[]): string[] => [
      `  ${name}:`,
      "    table: t",
      "    timing: AFTER",
      `    event: ${event}`,
      ...extra,
    ];
    const result = await load(
      ...table("a: INT", "b: INT"),
      "triggers:",
      ...trigger("t1", "INSERT", ["    body: UPDATE t SET zz = 1;"]),
      ...trigger("t2", "UPDATE", ["    of: [b]", "    when: NEW.nope > 0", "    body: SELECT 1;"]),
      ...trigger("t3", "DELETE", ["    body: DELETE FROM missing WHERE a = OLD.a;"]),
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_INVALID_SQL", 11, 11],
      ["SCHEMA_INVALID_SQL", 17, 11],
      ["SCHEMA_INVALID_SQL", 23, 11],
    ]);
  });

  test("an INSTEAD OF trigger on a table", async () => {
    const result = await load(...table("a: INT"), "triggers:", "  trg:", "    table: t", "    timing: INSTEAD OF", "    event: INSERT", "    body: SELECT 1;");
    expect(positions(result)).toEqual([["SCHEMA_INVALID_SQL", 6, 3]]);
  });

  // SQLite takes these keys and fails only when one is used: warnings, so any database's dump loads.
  test("a foreign key whose parent columns are not unique", async () => {
    const result = await load(
      "tables:",
      "  p:",
      "    columns: { x: INT, y: INT }",
      "  c:",
      "    columns:",
      "      a: { type: INT, references: { table: p, column: x } }",
    );
    expect(warningPositions(result)).toEqual([["WARN_FK_MISMATCH", 6, 35]]);
  });

  test("a foreign key without parent columns to a table without a primary key", async () => {
    const result = await load("tables:", "  p:", "    columns: { x: INT }", "  c:", "    columns:", "      a: { type: INT, references: p }");
    expect(warningPositions(result)).toEqual([["WARN_FK_MISMATCH", 6, 35]]);
  });

  test("problems in several objects are all reported", async () => {
    const result = await load(
      "tables:",
      "  a:",
      "    columns: { x: { type: INT, check: y > 0 } }",
      "  b:",
      "    columns: { x: INT }",
      "    indexes: { i: [z] }",
      "views:",
      "  v: SELECT * FROM nowhere",
    );
    expect(diagnosticsOf(result).map((d) => [d.code, d.line])).toEqual([
      ["SCHEMA_MISSING_COLUMN", 6],
    ]);
    const sqlite = await load(
      "tables:",
      "  a:",
      "    columns: { x: { type: INT, check: y > 0 } }",
      "  b:",
      "    columns: { x: INT }",
      "    indexes: { i: [lower(z)] }",
      "views:",
      "  v: SELECT * FROM nowhere",
    );
    expect(diagnosticsOf(sqlite).map((d) => [d.code, d.line])).toEqual([
      ["SCHEMA_INVALID_SQL", 3],
      ["SCHEMA_INVALID_SQL", 6],
      ["SCHEMA_INVALID_SQL", 8],
    ]);
  });
});

describe("isPrimaryExpr (what a trailing COLLATE applies to in full)", () => {
  test("names, literals, calls and whole parenthesised groups", () => {
    expect(["a", "'x'", "lower(name)", "replace(a, 'b', 'c')", "CAST(a AS TEXT)", "(a + b)"].every(isPrimaryExpr)).toBe(true);
    expect(["a + b", "NOT (a)", "(a) + (b)", "t.a", "lower(a) || 'x'", "EXISTS (SELECT 1)"].some(isPrimaryExpr)).toBe(false);
  });
});
