/**
 * A child process that takes one measurement: `node child.js TASK.json`. It prints one line,
 * RESULT_PREFIX + the Measurement as JSON. Modules are imported per task, so what a task does
 * not use never counts towards its memory.
 */
import { spawnSync } from "node:child_process";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { RESULT_PREFIX, type Measurement, type Task } from "./protocol.js";
import { measurePlanPhases } from "./phases.js";
import { assertNever } from "./util.js";

/** What a task reports; the child adds the memory figures. */
export type Taken = Omit<Measurement, "peakRssBytes" | "baseRssBytes" | "cpuMs">;

async function main(): Promise<void> {
  const task = JSON.parse(readFileSync(process.argv[2], "utf8")) as Task;
  const baseRssBytes = process.memoryUsage().rss;
  const cpuBefore = cpuMicros();
  const result = await measure(task);
  const cpuMs = (cpuMicros() - cpuBefore) / 1000;
  const measurement: Measurement = { ...result, cpuMs, baseRssBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(measurement)}\n`);
}

function cpuMicros(): number {
  const usage = process.resourceUsage();
  return usage.userCPUTime + usage.systemCPUTime;
}

function measure(task: Task): Promise<Taken> {
  switch (task.kind) {
    case "plan-phases":
      return measurePlanPhases(task.driver, task.db, task.schema, task.cacheDir);
    case "cli":
      return measureCli(task.argv, task.cwd, task.env ?? {});
    case "in-place":
      return measureInPlace(task.db, task.schema, task.backup);
    case "direct":
      return task.engine === "sqljs" ? directSqlJs(task.db, task.statements) : directNative(task.db, task.statements);
    case "shell":
      return Promise.resolve(shell(task.db, task.script));
    default:
      return assertNever(task);
  }
}

/** `run(argv, io)` with output captured; the CLI module is loaded inside the timing, as a user pays for it. */
async function measureCli(argv: readonly string[], cwd: string, env: Readonly<Record<string, string>>): Promise<Taken> {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  const { run } = await import("../src/cli/main.js");
  const exitCode = await run(argv, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    isTTY: false,
    env,
    cwd,
  });
  const wallMs = performance.now() - started;
  const counts: Record<string, number> = {};
  let codes: string[] | undefined;
  try {
    const json = JSON.parse(out.join("")) as { steps?: unknown[]; diagnostics?: { code: string }[] };
    if (Array.isArray(json.steps)) counts.steps = json.steps.length;
    if (Array.isArray(json.diagnostics)) codes = json.diagnostics.map((d) => d.code);
  } catch {
    // Text output: nothing to count.
  }
  const error = exitCode === 0 ? undefined : firstLines(err.join(""));
  return { wallMs, phases: {}, counts, exitCode, ...(codes ? { codes } : {}), ...(error ? { error } : {}) };
}

/** The native in-place apply called directly, with the declared schema loaded as the CLI loads it. */
async function measureInPlace(db: string, schema: string, backup: boolean): Promise<Taken> {
  const started = performance.now();
  const { loadNative } = await import("../src/db/native.js");
  const { loadSchema } = await import("../src/load/index.js");
  const { applyInPlace } = await import("../src/apply/in-place.js");
  const driver = await loadNative();
  if (!driver.ok) return failed(started, driver.diagnostics.map((d) => d.message).join("; "));
  const declared = loadSchema(schema, driver.value);
  if (!declared.ok) return failed(started, declared.diagnostics.map((d) => d.message).join("; "));
  const loadedMs = performance.now() - started;
  const outcome = await applyInPlace({
    dbPath: db,
    driver: driver.value,
    desired: declared.value,
    allowDestructive: true,
    backup: backup ? { kind: "default" } : { kind: "none" },
    history: true,
    dryRun: false,
    toolVersion: "bench",
  });
  const wallMs = performance.now() - started;
  if (!outcome.ok) return { ...failed(started, outcome.diagnostics.map((d) => d.message).join("; ")), codes: outcome.diagnostics.map((d) => d.code) };
  return {
    wallMs,
    phases: { "load schema": loadedMs, apply: wallMs - loadedMs },
    counts: { steps: outcome.value.plan.steps.length },
    exitCode: 0,
  };
}

/** sql.js as a migration with it must run: read the file, execute, export, write a temporary file, fsync, rename. */
async function directSqlJs(db: string, statements: readonly string[]): Promise<Taken> {
  const phases: Record<string, number> = {};
  let t = performance.now();
  const started = t;
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = now - t;
    t = now;
  };
  const initSqlJs = (await import("sql.js")).default;
  const SQL = await initSqlJs();
  lap("engine");
  const bytes = readFileSync(db);
  lap("read");
  const conn = new SQL.Database(bytes);
  lap("open");
  for (const sql of statements) conn.exec(sql);
  lap("execute");
  const image = conn.export();
  conn.close();
  lap("export");
  const tmp = `${db}.bench-tmp`;
  writeFileSync(tmp, image);
  const fd = openSync(tmp, "r");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, db);
  lap("write");
  return { wallMs: performance.now() - started, phases, counts: { statements: statements.length }, exitCode: 0 };
}

/** better-sqlite3 on the file in place. */
async function directNative(db: string, statements: readonly string[]): Promise<Taken> {
  const phases: Record<string, number> = {};
  let t = performance.now();
  const started = t;
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = now - t;
    t = now;
  };
  const Database = (await import("better-sqlite3")).default;
  const conn = new Database(db, { fileMustExist: true });
  lap("open");
  for (const sql of statements) conn.exec(sql);
  lap("execute");
  conn.close();
  lap("close");
  return { wallMs: performance.now() - started, phases, counts: { statements: statements.length }, exitCode: 0 };
}

/** `sqlite3 DB < script`, timed from spawn to exit. */
function shell(db: string, script: string): Taken {
  const started = performance.now();
  const done = spawnSync("sqlite3", [db], { input: script, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const exitCode = done.status ?? -1;
  const error = exitCode === 0 ? undefined : firstLines(`${done.stderr ?? ""}${done.error?.message ?? ""}`);
  return { wallMs, phases: {}, counts: {}, exitCode, ...(error ? { error } : {}) };
}

function failed(started: number, error: string): Taken {
  return { wallMs: performance.now() - started, phases: {}, counts: {}, exitCode: 2, error: firstLines(error) };
}

function firstLines(text: string): string {
  return text.split("\n").slice(0, 4).join("\n").slice(0, 600);
}

await main();
