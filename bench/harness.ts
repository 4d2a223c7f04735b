/**
 * Running measurements: each in a fresh child process (so its peak memory is its own), several
 * times, summarised as median and range. Set BENCH_CPU_PROF=DIR to write a V8 CPU profile of
 * every child into DIR (node --cpu-prof).
 */
import { spawnSync } from "node:child_process";
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULT_PREFIX, type Measurement, type Task } from "./protocol.js";
import { summarise, type Summary } from "./stats.js";

const CHILD = fileURLToPath(new URL("./child.js", import.meta.url));

/** Where the bench works, and how it tells people what it is doing. */
export interface BenchContext {
  /** The temporary folder every generated input lives in. */
  readonly dir: string;
  readonly runs: number;
  readonly quick: boolean;
  /** better-sqlite3 loads. */
  readonly native: boolean;
  /** The `sqlite3` shell's version, or null. */
  readonly shell: string | null;
  /** Progress on stderr. */
  log(message: string): void;
  /** Inputs built once and shared between suites, by key. */
  readonly cache: Map<string, unknown>;
}

/** One measurement in a child process. */
export function measureOnce(ctx: BenchContext, task: Task): Measurement {
  const file = join(ctx.dir, "task.json");
  writeFileSync(file, JSON.stringify(task));
  const prof = process.env.BENCH_CPU_PROF;
  const flags = ["--expose-gc", ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [])];
  const done = spawnSync(process.execPath, [...flags, CHILD, file], { encoding: "utf8", maxBuffer: 1 << 28 });
  const line = (done.stdout ?? "").split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) {
    const why = `${done.stderr ?? ""}${done.error?.message ?? ""}`.trim().split("\n").slice(0, 6).join("\n");
    throw new Error(`the ${task.kind} measurement crashed (exit ${done.status}, signal ${done.signal}): ${why}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as Measurement;
}

/** Repeated measurements; `prepare` runs before each (e.g. a fresh copy of the database). */
export function measure(ctx: BenchContext, task: Task, prepare?: () => void, cleanup?: () => void): Measurement[] {
  const out: Measurement[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    prepare?.();
    try {
      out.push(measureOnce(ctx, task));
    } finally {
      cleanup?.();
    }
  }
  return out;
}

/** A row of the report. Times in ms, memory in bytes. */
export interface Row {
  readonly suite: string;
  readonly name: string;
  readonly wallMs: Summary;
  /** CPU time of the child (null when timed from outside). */
  readonly cpuMs: Summary | null;
  readonly peakRssBytes: Summary | null;
  /** Resident memory before the operation (node and modules), median. */
  readonly baseRssBytes: number | null;
  readonly phasesMs: Readonly<Record<string, Summary>>;
  /** Counters of the first run (they do not vary between runs). */
  readonly counts: Readonly<Record<string, number>>;
  /** Derived figures: ratios, rows per second, sizes. */
  readonly figures: Readonly<Record<string, number | string>>;
  /** The target this row is measured against, and whether the median meets it (null: not applicable). */
  readonly target: { readonly text: string; readonly met: boolean | null } | null;
  readonly note: string | null;
}

/** A row from measurements. Fails loudly when a run did not end as `expectExit` says. */
export function rowOf(
  suite: string,
  name: string,
  runs: readonly Measurement[],
  extra: Partial<Pick<Row, "figures" | "target" | "note">> & { readonly expectExit?: number } = {},
): Row {
  const expected = extra.expectExit ?? 0;
  const bad = runs.find((r) => (r.exitCode ?? 0) !== expected);
  if (bad) throw new Error(`${name}: exit ${bad.exitCode} (expected ${expected}) ${bad.codes?.join(", ") ?? ""} ${bad.error ?? ""}`);
  const phaseNames = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  return {
    suite,
    name,
    wallMs: summarise(runs.map((r) => r.wallMs)),
    cpuMs: summarise(runs.map((r) => r.cpuMs)),
    peakRssBytes: summarise(runs.map((r) => r.peakRssBytes)),
    baseRssBytes: summarise(runs.map((r) => r.baseRssBytes)).median,
    phasesMs: Object.fromEntries(phaseNames.map((p) => [p, summarise(runs.map((r) => r.phases[p] ?? 0))])),
    counts: runs[0]?.counts ?? {},
    figures: extra.figures ?? {},
    target: extra.target ?? null,
    note: extra.note ?? null,
  };
}

/** A row for something timed outside a child (wall time only). */
export function wallRow(suite: string, name: string, wallMs: readonly number[], extra: Partial<Pick<Row, "figures" | "target" | "note">> = {}): Row {
  return {
    suite,
    name,
    wallMs: summarise(wallMs),
    cpuMs: null,
    peakRssBytes: null,
    baseRssBytes: null,
    phasesMs: {},
    counts: {},
    figures: extra.figures ?? {},
    target: extra.target ?? null,
    note: extra.note ?? null,
  };
}

/** A row that could not be measured here, and why. */
export function skippedRow(suite: string, name: string, why: string): Row {
  return { ...wallRow(suite, name, []), note: `skipped: ${why}` };
}

/**
 * Copies a database (a reflink where the file system has them) and removes anything left next to
 * `to`. The copy is synced to disk before it is measured: otherwise the tool's first fsync would
 * pay for writing the whole fresh copy, which no real database file has pending.
 */
export function freshCopy(from: string, to: string): void {
  removeDatabase(to);
  copyFileSync(from, to, constants.COPYFILE_FICLONE);
  const fd = openSync(to, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes a database file with its sidecars and any backups the tool left next to it. */
export function removeDatabase(path: string): void {
  const dir = path.slice(0, path.lastIndexOf("/"));
  const base = path.slice(path.lastIndexOf("/") + 1);
  for (const name of readdirSync(dir)) {
    if (name === base || (name.startsWith(`${base}.`) && name.endsWith(".bak")) || ["-journal", "-wal", "-shm"].some((s) => name === base + s)) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/** The file's inode: unchanged when a change was made in place, new when the file was replaced. */
export function inode(path: string): number {
  return existsSync(path) ? statSync(path).ino : -1;
}
