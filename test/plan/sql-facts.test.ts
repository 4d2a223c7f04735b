import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { affinityCanRewrite, affinityOf, affinityRewrite, isLiteralDefault, rowidName, strictViolation } from "../../src/plan/sql-facts.js";
import { col, table } from "../helpers/builders.js";

describe("affinityOf (datatype3.html rules, in order)", () => {
  test.each([
    ["INTEGER", "INTEGER"],
    ["BIGINT", "INTEGER"],
    ["VARCHAR(255)", "TEXT"],
    ["CLOB", "TEXT"],
    ["BLOB", "BLOB"],
    ["", "BLOB"],
    ["DOUBLE PRECISION", "REAL"],
    ["FLOATING POINT", "INTEGER"],
    ["DECIMAL(10,5)", "NUMERIC"],
    ["BOOLEAN", "NUMERIC"],
    ["DATETIME", "NUMERIC"],
  ])("%s -> %s", (type, affinity) => {
    expect(affinityOf(type)).toBe(affinity);
  });

  test("text can be rewritten only when copied from TEXT/BLOB into a numeric affinity", () => {
    expect(affinityCanRewrite("TEXT", "INTEGER")).toBe(true);
    expect(affinityCanRewrite("BLOB", "REAL")).toBe(true);
    expect(affinityCanRewrite("INTEGER", "TEXT")).toBe(false);
    expect(affinityCanRewrite("TEXT", "TEXT")).toBe(false);
  });
});

describe("isLiteralDefault (what ADD COLUMN accepts)", () => {
  test.each([
    ["0", true],
    ["-1.5", true],
    ["'open'", true],
    ["x'00ff'", true],
    ["NULL", true],
    ["TRUE", true],
    ["CURRENT_TIMESTAMP", false],
    ["CURRENT_DATE", false],
    ["(1 + 1)", false],
    ["-'x'", false],
  ])("%s -> %s", (sql, expected) => {
    expect(isLiteralDefault(sql)).toBe(expected);
  });
});

test("rowidName avoids columns that shadow rowid aliases", () => {
  expect(rowidName(table("t", [col("a")]))).toBe("rowid");
  expect(rowidName(table("t", [col("ROWID")]))).toBe("_rowid_");
  expect(rowidName(table("t", [col("rowid"), col("_rowid_"), col("oid")]))).toBeNull();
  expect(rowidName(table("t", [col("a")], { withoutRowid: true }))).toBeNull();
});

const values = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Number.isInteger(d) && !/e/i.test(String(d)) ? `${d}.0` : String(d))),
  fc.constantFrom("'12'", "' 12 '", "'12.0'", "'1e2'", "'abc'", "'0x10'", "'12.5'", "''", "'-7'", "'1e400'", "x'00'", "x''", "NULL", "9223372036854775807", "1e20"),
  fc.string({ maxLength: 4 }).map((s) => `'${s.replaceAll("'", "''")}'`),
);

describe("strictViolation agrees with SQLite's STRICT tables", () => {
  test.each(["INTEGER", "INT", "REAL", "TEXT", "BLOB"])("%s", async (type) => {
    const driver = await loadSqlJs();
    const conn = driver.memory();
    conn.exec(`CREATE TABLE src (v); CREATE TABLE dst (v ${type}) STRICT`);
    const predicate = strictViolation('"v"', type) as string;
    fc.assert(
      fc.property(values, (literal) => {
        conn.exec("DELETE FROM src");
        conn.exec(`INSERT INTO src VALUES (${literal})`);
        const predicted = Number(conn.query(`SELECT count(*) AS n FROM src WHERE ${predicate}`)[0].n) > 0;
        let refused = false;
        try {
          conn.exec("INSERT INTO dst SELECT v FROM src");
        } catch {
          refused = true;
        }
        conn.exec("DELETE FROM dst");
        return predicted === refused;
      }),
      { numRuns: 300 },
    );
    conn.close();
  });

  test("ANY accepts everything", () => {
    expect(strictViolation('"v"', "ANY")).toBeNull();
  });
});

describe("affinityRewrite counts exactly the text values whose spelling a numeric affinity changes", () => {
  test.each(["INTEGER", "REAL", "NUMERIC"] as const)("%s", async (to) => {
    const driver = await loadSqlJs();
    const conn = driver.memory();
    conn.exec(`CREATE TABLE src (v TEXT); CREATE TABLE dst (v ${to})`);
    fc.assert(
      fc.property(values, (literal) => {
        conn.exec("DELETE FROM src; DELETE FROM dst");
        conn.exec(`INSERT INTO src VALUES (${literal})`);
        conn.exec("INSERT INTO dst SELECT v FROM src");
        const predicted = Number(conn.query(`SELECT count(*) AS n FROM src WHERE ${affinityRewrite('"v"', to)}`)[0].n) > 0;
        // Changed: the stored value differs, and reads back as different text.
        const [{ changed }] = conn.query(
          "SELECT quote(s.v) <> quote(d.v) AND NOT (typeof(s.v) = 'text' AND CAST(d.v AS TEXT) = s.v) AS changed FROM src s, dst d",
        );
        return predicted === (Number(changed) === 1);
      }),
      { numRuns: 300 },
    );
    conn.close();
  });
});
