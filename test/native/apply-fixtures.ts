/** Shared fixtures for the in-place apply tests: a database an app writes to, a target, a hand-made plan. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { ApplyDeps, ApplyOutcome } from "../../src/apply/index.js";
import { applyInPlace, type InPlaceRequest } from "../../src/apply/in-place.js";
import type { Connection } from "../../src/db/driver.js";
import type { FileConnection } from "../../src/db/native.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { ok, type DiagnosticCode, type Result } from "../../src/errors.js";
import type { Declared } from "../../src/load/index.js";
import { NO_HINTS, type Schema } from "../../src/model.js";
import type { Plan, Step } from "../../src/plan/step.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { nativeDriver } from "./helpers.js";

export const FIXED_NOW = (): Date => new Date(Date.UTC(2026, 10, 21, 15, 30, 0));

/** Writes a database built by sql.js from `sql` and returns its path. */
export async function makeDb(dir: string, sql: string, name = "app.db"): Promise<string> {
  const conn = (await loadSqlJs()).memory();
  try {
    conn.exec(sql);
    const file = join(dir, name);
    writeFileSync(file, conn.export());
    return file;
  } finally {
    conn.close();
  }
}

/** A declaration whose normalised schema is what SQLite makes of `ddl`. */
export async function declared(ddl: string): Promise<Declared> {
  const conn = (await loadSqlJs()).memory();
  try {
    conn.exec(ddl);
    const schema = introspect(conn);
    if (!schema.ok) throw new Error(JSON.stringify(schema.diagnostics));
    return { schema: schema.value, hints: NO_HINTS } as unknown as Declared;
  } finally {
    conn.close();
  }
}

export function step(sql: readonly string[], extra: Partial<Step> = {}): Step {
  return { sql, why: sql[0], safety: "safe", table: null, rebuild: false, checks: [], losses: [], ...extra };
}

export function plan(steps: readonly Step[]): Plan {
  return { steps, notes: [], needsForeignKeysOff: false, minSqliteVersion: "3.35.0" };
}

/** Opens the file natively (reading through any -wal), runs `body`, closes. */
export function withFile<T>(file: string, body: (conn: FileConnection) => T, busyTimeoutMs = 5000): T {
  const opened = nativeDriver().openFile(file, { readonly: false, busyTimeoutMs });
  if (!opened.ok) throw new Error(JSON.stringify(opened.diagnostics));
  try {
    return body(opened.value);
  } finally {
    opened.value.close();
  }
}

export function schemaOf(conn: Connection): Schema {
  const s = introspect(conn);
  if (!s.ok) throw new Error(JSON.stringify(s.diagnostics));
  return s.value;
}

export function expectSuccess(result: Result<ApplyOutcome>): ApplyOutcome {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.value;
}

export function expectFailure(result: Result<unknown>, code: DiagnosticCode): string {
  if (result.ok) throw new Error(`expected ${code}, got success`);
  expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
  return result.diagnostics.map((d) => `${d.message}\n${d.hint ?? ""}`).join("\n");
}

export function run(
  dbPath: string,
  thePlan: Plan,
  desired: Declared,
  request: Partial<InPlaceRequest> = {},
  deps: Partial<ApplyDeps> = {},
): Promise<Result<ApplyOutcome>> {
  return applyInPlace(
    {
      dbPath,
      driver: nativeDriver(),
      desired,
      allowDestructive: false,
      backup: { kind: "default" },
      history: true,
      dryRun: false,
      toolVersion: "0.1.0-test",
      now: FIXED_NOW,
      lockTimeoutMs: 10_000,
      ...request,
    },
    { plan: () => ok(thePlan), ...deps },
  );
}

// The app's database: events (written by the app process), items (a bigger table), user_version.
export const START = `
PRAGMA user_version = 7;
CREATE TABLE events (id INTEGER PRIMARY KEY, source TEXT NOT NULL, n INTEGER);
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300)
  INSERT INTO events (source, n) SELECT 'seed', i FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5000)
  INSERT INTO items (name) SELECT 'item ' || i FROM k;
`;

// What the app's tables should become: events rebuilt with a new NOT NULL column, items altered.
export const TARGET = `
CREATE TABLE events (id INTEGER PRIMARY KEY, source TEXT NOT NULL, n INTEGER, note TEXT NOT NULL DEFAULT 'none');
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER DEFAULT 0);
CREATE INDEX idx_events_n ON events (n);
`;

export const TARGET_PLAN = plan([
  step(["ALTER TABLE items ADD COLUMN qty INTEGER DEFAULT 0"], { table: "items" }),
  step(
    [
      `CREATE TABLE "_schemadiff_new_events" (id INTEGER PRIMARY KEY, source TEXT NOT NULL, n INTEGER, note TEXT NOT NULL DEFAULT 'none')`,
      `INSERT INTO "_schemadiff_new_events" (id, source, n) SELECT id, source, n FROM "events"`,
      `DROP TABLE "events"`,
      `ALTER TABLE "_schemadiff_new_events" RENAME TO "events"`,
    ],
    { table: "events", rebuild: true, why: "rebuild events" },
  ),
  step(["CREATE INDEX idx_events_n ON events (n)"], { table: "events" }),
]);
