import { describe, expect, test } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { renderScript } from "../../src/plan/render-script.js";
import type { Plan, Step } from "../../src/plan/step.js";

const step = (sql: string[], extra: Partial<Step> = {}): Step => ({
  sql,
  why: "do it",
  safety: "safe",
  table: "t",
  rebuild: false,
  checks: [],
  losses: [],
  ...extra,
});

const plan = (steps: Step[], extra: Partial<Plan> = {}): Plan => ({
  steps,
  notes: [],
  needsForeignKeysOff: false,
  minSqliteVersion: "3.35.0",
  ...extra,
});

const header = { from: "aaa", to: "bbb" };

describe("renderScript", () => {
  test("an empty plan is a header saying so, with no transaction", () => {
    const text = renderScript(plan([], { notes: ["t: column order differs"] }), header);
    expect(text).toBe(
      [
        "-- schemadiff migration script",
        "-- from schema: aaa",
        "-- to schema:   bbb",
        "-- requires SQLite >= 3.35.0",
        "-- run with: sqlite3 DATABASE < this-file.sql",
        "-- note: t: column order differs",
        "-- the database already matches the schema: nothing to do",
        "",
      ].join("\n"),
    );
  });

  test(".bail on, then BEGIN, steps with semicolons, COMMIT", () => {
    const text = renderScript(plan([step(["CREATE TABLE a (x)", "CREATE INDEX i ON a (x)"])]), header);
    const body = text.split("\n").filter((l) => !l.startsWith("--") && l !== "");
    expect(body).toEqual([".bail on", "BEGIN;", "CREATE TABLE a (x);", "CREATE INDEX i ON a (x);", "COMMIT;"]);
  });

  test("foreign keys go off before BEGIN, are checked before COMMIT, and come back on after", () => {
    const text = renderScript(plan([step(["SELECT 1"])], { needsForeignKeysOff: true }), header);
    const body = text.split("\n").filter((l) => !l.startsWith("--") && l !== "");
    expect(body[1]).toBe("PRAGMA foreign_keys=OFF;");
    expect(body[2]).toBe("BEGIN;");
    const commit = body.indexOf("COMMIT;");
    expect(body.indexOf("PRAGMA foreign_key_check;")).toBeLessThan(commit);
    expect(body.slice(commit)).toEqual(["COMMIT;", "PRAGMA foreign_keys=ON;"]);
    expect(text).toContain("-- requires SQLite >= 3.35.0");
  });

  test("the guard stops the script on a new orphan only: old orphans (foreign keys were off) pass", async () => {
    const sql = await loadSqlJs();
    const run = (stepSql: string): string | null => {
      const conn = sql.memory();
      conn.exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));");
      conn.exec("INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 99)"); // row 2: an old orphan
      const script = renderScript(plan([step([stepSql])], { needsForeignKeysOff: true }), header);
      try {
        conn.exec(script.replace(".bail on", ""));
        return null;
      } catch (error) {
        return String(error);
      } finally {
        conn.close();
      }
    };
    expect(run("UPDATE c SET pid = pid")).toBeNull();
    expect(run("INSERT INTO c VALUES (3, 1)")).toBeNull();
    expect(run("INSERT INTO c VALUES (3, 42)")).toMatch(/foreign_keys_must_hold/);
    expect(run("UPDATE c SET pid = 77 WHERE id = 1")).toMatch(/foreign_keys_must_hold/);
  });

  test("the foreign key guard raises the version to 3.16.0 (pragma table-valued functions)", () => {
    expect(renderScript(plan([step(["SELECT 1"])], { needsForeignKeysOff: true, minSqliteVersion: "3.9.0" }), header)).toContain(
      "-- requires SQLite >= 3.16.0",
    );
  });

  test("marks destructive and data-dependent steps and lists their checks and losses", () => {
    const text = renderScript(
      plan([
        step(["DROP TABLE x"], { safety: "destructive", why: "drop table x", losses: [{ table: "x", column: null, countSql: "SELECT count(*) AS n FROM x" }] }),
        step(["CREATE UNIQUE INDEX u ON t (a)"], {
          safety: "data-dependent",
          why: "create index u",
          checks: [{ rule: "UNIQUE index u on t", table: "t", countSql: "SELECT 0 AS n", sampleSql: "SELECT 1", hint: "" }],
        }),
      ]),
      header,
    );
    expect(text).toContain("-- WARNING: 1 destructive step (marked below) drop data");
    expect(text).toContain("-- 1. [destructive] drop table x\n--    loses: every row of x\nDROP TABLE x;");
    expect(text).toContain("-- 2. [data-dependent] create index u\n--    needs: UNIQUE index u on t\n");
  });

  test("a newline in a why cannot escape its comment", () => {
    const text = renderScript(plan([step(["SELECT 1"], { why: "evil\nDROP TABLE users;" })]), header);
    expect(text).not.toMatch(/^DROP TABLE users;$/m);
  });

  test("the script runs in SQLite (dot-commands aside) and stops on a foreign key violation", async () => {
    const driver = await loadSqlJs();
    const conn = driver.memory();
    conn.exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (pid REFERENCES p (id))");
    const good = renderScript(plan([step(["INSERT INTO p VALUES (1)", "INSERT INTO c VALUES (1)"])], { needsForeignKeysOff: true }), header);
    conn.exec(good.replace(".bail on", ""));
    expect(conn.query("SELECT count(*) AS n FROM c")).toEqual([{ n: 1 }]);
    const bad = renderScript(plan([step(["INSERT INTO c VALUES (42)"])], { needsForeignKeysOff: true }), header);
    expect(() => conn.exec(bad.replace(".bail on", ""))).toThrow(/CHECK constraint failed/);
    conn.exec("ROLLBACK");
    expect(conn.query("SELECT count(*) AS n FROM c")).toEqual([{ n: 1 }]);
  });
});
