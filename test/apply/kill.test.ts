/**
 * kill -9 at random moments of a large rebuild (300 000 rows): a real child process runs apply and
 * is killed with SIGKILL; every time, the database must open, pass integrity_check and hold either
 * the old or the new schema with every row. Any backup left must be the original, byte for byte.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { remainingDrift } from "../../src/apply/verify.js";
import type { Schema } from "../../src/model.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { buildImage, expectSuccess, fileSha, tempDir } from "./helpers.js";

const ROWS = 300_000;
const NOTES = 30_000;
const CURRENT = `
  CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER);
  CREATE TABLE notes (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items (id) ON DELETE CASCADE, body TEXT);
`;
const SEED = `
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS})
    INSERT INTO items SELECT x, 'item ' || x, x % 97 FROM c;
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${NOTES})
    INSERT INTO notes SELECT x, x * 7, 'note ' || x FROM c;
`;
/** A rebuild of the parent table (new NOT NULL column with a default, a CHECK) plus an index. */
const TARGET = `
  CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER,
    status TEXT NOT NULL DEFAULT 'new', CHECK (qty >= 0));
  CREATE INDEX items_name ON items (name);
  CREATE TABLE notes (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items (id) ON DELETE CASCADE, body TEXT);
`;
const KILL_POINTS = 12;

let work: string;
let build: string;
let child: string;
let pristine: string;
let pristineSha: string;
let oldSchema: Schema;
let newSchema: Schema;

beforeAll(async () => {
  work = tempDir();
  // Compiled inside the repository so that the child resolves sql.js from its node_modules.
  build = resolve(".vitest", `apply-kill-${process.pid}`);
  mkdirSync(build, { recursive: true });
  execFileSync(process.execPath, [
    resolve("node_modules/typescript/bin/tsc"),
    ...["--strict", "--skipLibCheck", "--esModuleInterop", "--resolveJsonModule", "--types", "node"],
    ...["--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022"],
    ...["--rootDir", resolve("."), "--outDir", build, resolve("test/apply/kill-child.ts")],
  ]).toString();
  writeFileSync(join(build, "package.json"), '{ "type": "module" }\n');
  child = join(build, "test/apply/kill-child.js");
  pristine = join(work, "pristine.db");
  writeFileSync(pristine, await buildImage(CURRENT + SEED));
  pristineSha = fileSha(pristine);
  writeFileSync(join(work, "target.sql"), TARGET);
  oldSchema = await schemaOf(await buildImage(CURRENT));
  newSchema = await schemaOf(await buildImage(TARGET));
}, 180_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
});

async function schemaOf(image: Uint8Array): Promise<Schema> {
  const conn = (await loadSqlJs()).fromBytes(image);
  try {
    return expectSuccess(introspect(conn));
  } finally {
    conn.close();
  }
}

interface Run {
  readonly output: string;
  /** Milliseconds from `ready` to exit. */
  readonly applyMs: number;
  readonly killed: boolean;
}

/** Runs the child on `db`; kills it `killAfterMs` after it says `ready` (never, when null). */
function runChild(db: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((done, failed) => {
    const proc = spawn(process.execPath, [child, db, join(work, "target.sql")], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let readyAt = 0;
    proc.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (readyAt === 0 && output.includes("ready\n")) {
        readyAt = Date.now();
        if (killAfterMs !== null) setTimeout(() => proc.kill("SIGKILL"), killAfterMs);
      }
    });
    proc.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    proc.on("error", failed);
    proc.on("exit", (_code, signal) => done({ output, applyMs: Date.now() - readyAt, killed: signal === "SIGKILL" }));
  });
}

/** Which schema the file holds ("old" / "new"), after checking it opens, is intact and has every row. */
async function inspect(db: string): Promise<"old" | "new"> {
  const conn = (await loadSqlJs()).fromBytes(new Uint8Array(readFileSync(db)));
  try {
    expect(conn.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(conn.query("PRAGMA foreign_key_check")).toEqual([]);
    expect(conn.query("SELECT count(*) AS n, sum(qty) AS q, sum(length(name)) AS l FROM items")).toEqual(
      conn.query(`SELECT ${ROWS} AS n, (SELECT sum(x % 97) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) SELECT x FROM c)) AS q, (SELECT sum(length('item ' || x)) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) SELECT x FROM c)) AS l`),
    );
    expect(conn.query("SELECT count(*) AS n FROM notes")).toEqual([{ n: NOTES }]);
    const schema = expectSuccess(introspect(conn));
    if (remainingDrift(schema, oldSchema).length === 0) return "old";
    expect(remainingDrift(schema, newSchema)).toEqual([]);
    return "new";
  } finally {
    conn.close();
  }
}

/** Only the database, a complete backup, and (after a kill) temporary files may be there. */
function checkLeftovers(dir: string, killed: boolean): void {
  for (const name of readdirSync(dir)) {
    if (name === "app.db") continue;
    if (/^app\.db\.\d{8}T\d{6}Z(-\d+)?\.bak$/.test(name)) {
      expect(fileSha(join(dir, name)), `${name} is the original`).toBe(pristineSha);
      continue;
    }
    expect(killed && name.endsWith(".schemadiff-tmp"), `unexpected file ${name}`).toBe(true);
  }
}

it(
  `a kill -9 at any of ${KILL_POINTS} random moments of a ${ROWS}-row rebuild leaves the old or the new database, whole`,
  async () => {
    // Two uninterrupted runs: they must succeed, and the faster one times the kill points.
    let duration = Infinity;
    for (const name of ["baseline-1", "baseline-2"]) {
      const baseDir = join(work, name);
      mkdirSync(baseDir);
      copyFileSync(pristine, join(baseDir, "app.db"));
      const baseline = await runChild(join(baseDir, "app.db"), null);
      expect(baseline.output).toContain("done applied");
      expect(await inspect(join(baseDir, "app.db"))).toBe("new");
      checkLeftovers(baseDir, false);
      duration = Math.min(duration, baseline.applyMs);
    }

    const seen: Array<"old" | "new"> = [];
    let kills = 0;
    let oldDir: string | null = null;
    // Stratified: one random moment in each slice of the apply's duration; should a run finish
    // before its kill (a faster machine than the baselines), more random moments follow.
    for (let k = 0; k < KILL_POINTS || (kills < 10 && k < 2 * KILL_POINTS); k++) {
      const slice = k < KILL_POINTS ? (k + Math.random()) / KILL_POINTS : Math.random() * 0.8;
      const delay = Math.round(duration * slice);
      const dir = join(work, `kill-${k}`);
      mkdirSync(dir);
      copyFileSync(pristine, join(dir, "app.db"));
      const run = await runChild(join(dir, "app.db"), delay);
      expect(run.output, `kill point ${k} at ${delay} ms`).not.toContain("error");
      const state = await inspect(join(dir, "app.db"));
      seen.push(state);
      if (run.killed) kills++;
      checkLeftovers(dir, run.killed);
      if (state === "old" && run.killed) oldDir = dir;
    }
    expect(kills).toBeGreaterThanOrEqual(10);
    expect(seen).toContain("old");

    // After a crash, simply running apply again finishes the job (stray temporary files or not).
    if (oldDir) {
      const again = await runChild(join(oldDir, "app.db"), null);
      expect(again.output).toContain("done applied");
      expect(await inspect(join(oldDir, "app.db"))).toBe("new");
    }
  },
  300_000,
);
