import { describe, expect, it } from "vitest";
import {
  colourEnabled,
  displayPath,
  formatPlanText,
  palette,
  planJson,
  presentDiagnostic,
  summarize,
  summaryLine,
} from "../../src/cli/format.js";
import { nameMatcher, withoutIgnored } from "../../src/cli/ignore.js";
import type { Schema, Table } from "../../src/model.js";
import type { LossEstimate, Plan, Step } from "../../src/plan/step.js";

function step(over: Partial<Step>): Step {
  return { sql: [], why: "", safety: "safe", table: null, rebuild: false, checks: [], losses: [], ...over };
}

const loss: LossEstimate = { table: "legacy", column: null, countSql: "SELECT count(*) AS n FROM legacy" };

const PLAN: Plan = {
  steps: [
    step({ table: "goals", rebuild: true, safety: "data-dependent", why: "rebuild goals: root_id becomes NOT NULL",
      sql: ['CREATE TABLE "goals_new" (id TEXT)', 'INSERT INTO "goals_new" SELECT id FROM "goals"'],
      checks: [{ rule: "NOT NULL on goals.root_id", table: "goals", countSql: "", sampleSql: "", hint: "" }] }),
    step({ table: "tasks", why: "add column tasks.done", sql: ['ALTER TABLE "tasks" ADD COLUMN "done" INTEGER'] }),
    step({ table: "legacy", safety: "destructive", why: "drop table legacy", sql: ['DROP TABLE "legacy"'], losses: [loss] }),
    step({ table: "goals", rebuild: true, why: "recreate index idx_goals_root", sql: ['CREATE INDEX "idx_goals_root" ON "goals" ("root_id")'] }),
    step({ table: null, why: "create view active_goals", sql: ['CREATE VIEW "active_goals" AS SELECT 1'] }),
  ],
  notes: ["column order of tasks differs from the declaration; it is kept"],
  needsForeignKeysOff: true,
  minSqliteVersion: "3.35.0",
};

const plain = palette(false);

describe("plan text", () => {
  it("groups steps per table, marks safety, and ends with the summary", () => {
    const text = formatPlanText(PLAN, { allowDestructive: false, palette: plain, losses: new Map([[loss, 12]]), title: "Plan for a.db -> schema", sql: true });
    expect(text).toBe(
      [
        "Plan for a.db -> schema",
        "",
        "table goals (rebuild)",
        "  - rebuild goals: root_id becomes NOT NULL [data-dependent]",
        "      checked first: NOT NULL on goals.root_id",
        '      CREATE TABLE "goals_new" (id TEXT)',
        '      INSERT INTO "goals_new" SELECT id FROM "goals"',
        "  - recreate index idx_goals_root",
        '      CREATE INDEX "idx_goals_root" ON "goals" ("root_id")',
        "",
        "table tasks (in place)",
        "  - add column tasks.done",
        '      ALTER TABLE "tasks" ADD COLUMN "done" INTEGER',
        "",
        "table legacy (in place)",
        "  - drop table legacy [destructive; blocked: needs --allow-destructive]",
        "      loses 12 rows (table legacy)",
        '      DROP TABLE "legacy"',
        "",
        "views and triggers",
        "  - create view active_goals",
        '      CREATE VIEW "active_goals" AS SELECT 1',
        "",
        "notes",
        "  - column order of tasks differs from the declaration; it is kept",
        "",
        "3 tables changed: 1 rebuild, 2 in place; 1 other step (views, triggers); " +
          "1 destructive step blocked (needs --allow-destructive); 1 data-dependent step checked against the data first",
        "",
      ].join("\n"),
    );
  });

  it("without SQL, and with destructive steps allowed, nothing says blocked", () => {
    const text = formatPlanText(PLAN, { allowDestructive: true, palette: plain });
    expect(text).not.toMatch(/blocked|CREATE|ALTER/);
    expect(text).toMatch(/drop table legacy \[destructive\]\n {6}loses its data \(table legacy\)/);
    expect(text).toMatch(/; 1 destructive step;/);
  });

  it("an empty plan says there is nothing to do", () => {
    const empty: Plan = { steps: [], notes: [], needsForeignKeysOff: false, minSqliteVersion: "3.0.0" };
    expect(formatPlanText(empty, { allowDestructive: false, palette: plain })).toBe("No changes: the database matches the schema.\n");
  });

  it("summarises counts", () => {
    expect(summarize(PLAN, false)).toEqual({
      steps: 5, tablesChanged: 3, rebuilds: 1, inPlace: 2, otherSteps: 1, destructive: 1, blocked: 1, dataDependent: 1,
    });
    expect(summaryLine(summarize({ ...PLAN, steps: [PLAN.steps[1]!] }, false))).toBe("1 table changed: 0 rebuilds, 1 in place");
  });

  it("colour is used only on a terminal without NO_COLOR", () => {
    expect(colourEnabled(true, {})).toBe(true);
    expect(colourEnabled(false, {})).toBe(false);
    expect(colourEnabled(true, { NO_COLOR: "1" })).toBe(false);
    expect(colourEnabled(true, { NO_COLOR: "" })).toBe(true);
    const coloured = formatPlanText(PLAN, { allowDestructive: false, palette: palette(true) });
    expect(coloured).toContain("\u001b[31m[destructive; blocked: needs --allow-destructive]\u001b[39m");
    expect(formatPlanText(PLAN, { allowDestructive: false, palette: plain })).not.toContain("\u001b[");
  });
});

describe("plan JSON", () => {
  it("has every step with its safety, SQL and whether it is blocked", () => {
    const json = JSON.parse(JSON.stringify(planJson(PLAN, false, new Map([[loss, 7]]))));
    expect(json.summary.blocked).toBe(1);
    expect(json.steps).toHaveLength(5);
    expect(json.steps[2]).toEqual({
      index: 2, table: "legacy", why: "drop table legacy", safety: "destructive", rebuild: false, blocked: true,
      sql: ['DROP TABLE "legacy"'], checks: [],
      losses: [{ table: "legacy", column: null, countSql: "SELECT count(*) AS n FROM legacy", count: 7 }],
    });
    expect(json.steps[0].checks[0].rule).toBe("NOT NULL on goals.root_id");
    expect(json).toMatchObject({ notes: PLAN.notes, needsForeignKeysOff: true, minSqliteVersion: "3.35.0" });
  });
});

describe("paths in messages", () => {
  it("are shown relative to the working folder when inside it", () => {
    expect(displayPath("/w/p/data/a.db", "/w/p")).toBe("data/a.db");
    expect(displayPath("/elsewhere/a.db", "/w/p")).toBe("/elsewhere/a.db");
    expect(displayPath("rel/a.db", "/w/p")).toBe("rel/a.db");
    const d = presentDiagnostic(
      { code: "WARN_DB_IN_USE", file: "/w/p/a.db", message: "/w/p/a.db-wal holds", hint: "run sqlite3 /w/p/a.db" },
      "/w/p",
    );
    expect(d).toEqual({ code: "WARN_DB_IN_USE", file: "a.db", message: "a.db-wal holds", hint: "run sqlite3 a.db" });
  });
});

describe("ignore patterns", () => {
  it("match * and ? against whole names, case-sensitively, everything else literal", () => {
    const m = nameMatcher(["tmp_*", "log?", "a.b", "[x]"])!;
    expect(["tmp_", "tmp_1", "log1", "a.b", "[x]"].every(m)).toBe(true);
    expect(["TMP_1", "xtmp_1", "log12", "axb", "x"].some(m)).toBe(false);
    expect(nameMatcher([])).toBeUndefined();
  });

  it("leave ignored tables, their triggers, and matching views out of a schema", () => {
    const table = (name: string): Table => ({
      name, columns: [], primaryKey: null, uniques: [], checks: [], foreignKeys: [], indexes: [], strict: false, withoutRowid: false,
    });
    const trig = (name: string, on: string) => ({
      name, table: on, timing: "AFTER" as const, event: "INSERT" as const, ofColumns: [], when: null, body: "SELECT 1;",
    });
    const schema: Schema = {
      tables: [table("keep"), table("tmp_a")],
      views: [{ name: "tmp_v", columns: null, select: "SELECT 1" }, { name: "v", columns: null, select: "SELECT 1" }],
      triggers: [trig("t1", "tmp_a"), trig("t2", "keep"), trig("tmp_t", "keep")],
      virtualTables: [{ name: "tmp_fts", module: "fts5", sql: "" }],
    };
    const out = withoutIgnored(schema, nameMatcher(["tmp_*"]));
    expect(out.tables.map((t) => t.name)).toEqual(["keep"]);
    expect(out.views.map((v) => v.name)).toEqual(["v"]);
    expect(out.triggers.map((t) => t.name)).toEqual(["t2"]);
    expect(out.virtualTables).toEqual([]);
    expect(withoutIgnored(schema, undefined)).toBe(schema);
  });
});
