/**
 * Runs every golden case under test/cases/ (see harness.ts for the format and the phases).
 * `UPDATE_GOLDEN=1 npx vitest run test/cases` rewrites the `.sql` goldens: review the diff.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { runPlan } from "../helpers/run-plan.js";
import {
  applyOrThrow,
  dumpYaml,
  invertHints,
  loadDesired,
  lostRows,
  must,
  planFor,
  readCase,
  script,
  snapshot,
} from "./harness.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { compareVersions } from "../../src/plan/versions.js";

const root = dirname(fileURLToPath(import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";

function caseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? caseFiles(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : []))
    .sort();
}

const files = caseFiles(root);

/** The sqlite3 shell on this machine and its version, if any: scripts must run in it as-is. */
const shell = (() => {
  const r = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? { version: r.stdout.split(" ")[0] } : null;
})();

function sqlite3(db: string, input: string): { status: number | null; stderr: string } {
  const r = spawnSync("sqlite3", [db], { input, encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

test("the suite has at least 80 cases", () => {
  expect(files.length).toBeGreaterThanOrEqual(80);
});

describe.each(files.map((f) => [relative(root, f).replace(/\.yaml$/, ""), f]))("%s", (name, file) => {
  test("plan, apply, converge, keep rows, and back", async () => {
    const c = readCase(file);
    const driver = await loadSqlJs();
    const conn = driver.memory();
    conn.exec(c.current);
    const original = must(introspect(conn), "introspect current");
    const before = snapshot(conn, original);
    for (const [t, s] of before) {
      if (!(c.empty ?? []).includes(t)) expect(s.rows.length, `seed rows into ${t}`).toBeGreaterThan(0);
    }

    // Phase 1: the plan equals the golden script.
    const desired = loadDesired(driver, c.desired, `${name}.yaml`);
    const { plan } = planFor(conn, desired.schema, desired.hints, c.target);
    const text = script(plan);
    const golden = file.replace(/\.yaml$/, ".sql");
    if (update || !existsSync(golden)) {
      if (!update) throw new Error(`${golden} is missing: run with UPDATE_GOLDEN=1 and review it`);
      writeFileSync(golden, text);
    }
    expect(text).toBe(readFileSync(golden, "utf8"));

    // Refusals: the data checks stop the plan and nothing changes.
    if (c.refused !== undefined) {
      const r = runPlan(conn, plan);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toBeNull();
        expect(r.violations.map((v) => ({ rule: v.rule, count: v.count }))).toEqual(c.refused);
        for (const v of r.violations) expect(v.sample.length).toBe(Math.min(5, v.count));
      }
      expect(must(introspect(conn), "introspect after refusal")).toEqual(original);
      expect(lostRows(before, snapshot(conn, original), { tableRenames: new Map(), columnRenames: new Map(), backfills: new Map() })).toEqual([]);
      return;
    }

    // Phase 2: apply; phase 3: converged; phase 4: rows intact.
    applyOrThrow(conn, plan, "apply");
    const again = planFor(conn, desired.schema, desired.hints, c.target);
    expect(again.plan.steps.map((s) => s.why), "re-plan after apply").toEqual([]);
    const migrated = again.current;
    const after = snapshot(conn, migrated);
    expect(lostRows(before, after, desired.hints, c.lossy)).toEqual([]);
    for (const v of c.verify ?? []) expect(conn.query(v.sql), v.sql).toEqual(v.rows);
    const verified = (c.verify ?? []).length > 0 ? snapshot(conn, migrated) : after;

    // The way back: the dump of the original is the desired schema.
    if (c.reverse === false) return;
    const back = loadDesired(driver, dumpYaml(original), `${name}.dump.yaml`);
    expect(back.schema, "dump of the original loads back to the original").toEqual(original);
    const hints = invertHints(desired.hints);
    const reverse = planFor(conn, back.schema, hints, c.target);
    applyOrThrow(conn, reverse.plan, "reverse apply");
    const final = planFor(conn, back.schema, hints, c.target);
    expect(final.plan.steps.map((s) => s.why), "re-plan after reverse apply").toEqual([]);
    expect(lostRows(verified, snapshot(conn, final.current), hints, c.lossy)).toEqual([]);
  });
});

describe.skipIf(shell === null).each(files.map((f) => [relative(root, f).replace(/\.yaml$/, ""), f]))("%s", (name, file) => {
  test("the golden script runs as-is in the sqlite3 shell", async () => {
    const c = readCase(file);
    const golden = readFileSync(file.replace(/\.yaml$/, ".sql"), "utf8");
    const needs = /^-- requires SQLite >= (\S+)$/m.exec(golden)?.[1] ?? "0";
    if (compareVersions(needs, shell?.version ?? "0") > 0) return;
    const dir = mkdtempSync(join(tmpdir(), "schemadiff-case-"));
    try {
      const db = join(dir, "case.db");
      expect(sqlite3(db, c.current).stderr).toBe("");
      const driver = await loadSqlJs();
      const conn = driver.fromBytes(new Uint8Array(readFileSync(db)));
      const original = must(introspect(conn), "introspect");
      const before = snapshot(conn, original);
      const desired = loadDesired(driver, c.desired, `${name}.yaml`);
      expect(script(planFor(conn, desired.schema, desired.hints, c.target).plan), "the plan of the file equals the golden").toBe(golden);
      conn.close();
      const run = sqlite3(db, golden);
      const after = driver.fromBytes(new Uint8Array(readFileSync(db)));
      if (c.refused !== undefined) {
        expect(run.status, "a refused plan stops the shell").not.toBe(0);
        expect(must(introspect(after), "introspect")).toEqual(original);
        expect(lostRows(before, snapshot(after, original), { tableRenames: new Map(), columnRenames: new Map(), backfills: new Map() })).toEqual([]);
        return;
      }
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const again = planFor(after, desired.schema, desired.hints, c.target);
      expect(again.plan.steps.map((s) => s.why)).toEqual([]);
      expect(lostRows(before, snapshot(after, again.current), desired.hints, c.lossy)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
