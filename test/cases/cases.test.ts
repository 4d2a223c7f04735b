/**
 * Runs every golden case under test/cases/ (see harness.ts for the format and the phases) on the
 * driver this run tests (test/helpers/driver-env.ts: CI runs the suite once per driver).
 * `UPDATE_GOLDEN=1 npx vitest run test/cases` rewrites the `.sql` goldens: review the diff.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { testDriver } from "../helpers/driver-env.js";
import {
  type Case,
  applyOrThrow,
  applyPlan,
  dumpYaml,
  invertHints,
  loadDesired,
  lostRows,
  must,
  planFor,
  readCase,
  readRefusal,
  script,
  snapshot,
} from "./harness.js";
import type { Connection, Driver } from "../../src/db/driver.js";
import { NO_HINTS } from "../../src/model.js";
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

const driver = await testDriver();

describe.each(files.map((f) => [relative(root, f).replace(/\.yaml$/, ""), f]))("%s", (name, file) => {
  const c = readCase(file);
  // A case that cannot run on this driver's SQLite build says why in its `skip`, shown in the title.
  const skipped = c.skip?.[driver.name];
  const title = `plan, apply, converge, keep rows, and back (${driver.name}${skipped === undefined ? "" : `; skipped: ${skipped}`})`;
  test.skipIf(skipped !== undefined)(title, async () => {
    const conn = driver.memory();
    try {
      await goldenCase(driver, conn, name, file, c);
    } finally {
      conn.close();
    }
  });
});

/** The four phases and the way back (harness.ts), on one in-memory database. */
async function goldenCase(driver: Driver, conn: Connection, name: string, file: string, c: Case): Promise<void> {
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

  // Refusals: the data checks stop the plan (REFUSED_DATA with the count and at most 5 sample
  // rows) and nothing changes.
  if (c.refused !== undefined) {
    const r = await applyPlan(conn, plan, original, desired);
    expect(r.ok, "a refused case must not apply").toBe(false);
    if (!r.ok) {
      const refusals = r.diagnostics.map(readRefusal);
      expect(refusals.map((v) => ({ rule: v.rule, count: v.count }))).toEqual(c.refused);
      for (const v of refusals) expect(v.samples.length, `samples of ${v.rule}`).toBe(Math.min(5, v.count));
    }
    expect(must(introspect(conn), "introspect after refusal")).toEqual(original);
    expect(lostRows(before, snapshot(conn, original), NO_HINTS)).toEqual([]);
    return;
  }

  // Phase 2: apply; phase 3: converged; phase 4: rows intact.
  await applyOrThrow(conn, plan, original, desired, "apply");
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
  await applyOrThrow(conn, reverse.plan, reverse.current, { schema: back.schema, hints }, "reverse apply");
  const final = planFor(conn, back.schema, hints, c.target);
  expect(final.plan.steps.map((s) => s.why), "re-plan after reverse apply").toEqual([]);
  expect(lostRows(verified, snapshot(conn, final.current), hints, c.lossy)).toEqual([]);
}

describe.skipIf(shell === null).each(files.map((f) => [relative(root, f).replace(/\.yaml$/, ""), f]))("%s", (name, file) => {
  const shellSkip = readCase(file).skip?.shell;
  test.skipIf(shellSkip !== undefined)(`the golden script runs as-is in the sqlite3 shell${shellSkip === undefined ? "" : ` (skipped: ${shellSkip})`}`, async () => {
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
