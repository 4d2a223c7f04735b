/**
 * Building the bench's databases fast and deterministically: with better-sqlite3 when it loads,
 * else the `sqlite3` shell, else sql.js (in memory, so only for sizes well under its limit).
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";

/** Which engine built a database. */
export type Builder = "better-sqlite3" | "sqlite3 shell" | "sql.js";

/** Runs SQL against one database file being built. */
export interface SqlRunner {
  readonly builder: Builder;
  exec(sql: string): void;
  /** The first column of the first row, as a number. */
  scalar(sql: string): number;
  /** Finishes the file (sql.js writes its image here). */
  close(): void;
}

/** Fast and unsafe while building: nothing to protect yet (https://www.sqlite.org/pragma.html#pragma_synchronous). */
const FAST = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";

/** True when the `sqlite3` shell runs. */
export function hasSqliteShell(): boolean {
  const probe = spawnSync("sqlite3", ["-version"], { encoding: "utf8" });
  return probe.status === 0;
}

/** The `sqlite3` shell's version, or null when there is none. */
export function sqliteShellVersion(): string | null {
  const probe = spawnSync("sqlite3", ["-version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.split(" ")[0] : null;
}

/** Opens a new database file at `path` (replacing any) with the fastest engine available. */
export async function createDatabase(path: string, allowSqlJs: boolean): Promise<SqlRunner> {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) if (existsSync(path + suffix)) rmSync(path + suffix);
  const native = await nativeRunner(path);
  if (native) return native;
  if (hasSqliteShell()) return shellRunner(path);
  if (allowSqlJs) return sqlJsRunner(path);
  throw new Error("building this database needs better-sqlite3 or the sqlite3 shell");
}

async function nativeRunner(path: string): Promise<SqlRunner | null> {
  let Database: typeof import("better-sqlite3");
  try {
    Database = (await import("better-sqlite3")).default;
    new Database(":memory:").close();
  } catch {
    return null;
  }
  const db = new Database(path);
  db.exec(FAST);
  return {
    builder: "better-sqlite3",
    exec: (sql) => db.exec(sql),
    scalar: (sql) => Number(db.prepare(sql).pluck().get()),
    close: () => db.close(),
  };
}

function shellRunner(path: string): SqlRunner {
  const run = (sql: string): string => {
    const done = spawnSync("sqlite3", ["-batch", "-bail", path], { input: `${FAST}\n${sql}\n`, encoding: "utf8", maxBuffer: 1 << 26 });
    if (done.status !== 0) throw new Error(`sqlite3 failed: ${done.stderr}`);
    return done.stdout;
  };
  return {
    builder: "sqlite3 shell",
    exec: (sql) => void run(sql),
    // The PRAGMAs print their new modes first; the answer is the last line.
    scalar: (sql) => Number(run(`${sql};`).trim().split("\n").pop()),
    close: () => undefined,
  };
}

async function sqlJsRunner(path: string): Promise<SqlRunner> {
  const initSqlJs = (await import("sql.js")).default;
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  return {
    builder: "sql.js",
    exec: (sql) => db.exec(sql),
    scalar: (sql) => Number(db.exec(sql)[0]?.values[0]?.[0]),
    close: () => {
      writeFileSync(path, db.export());
      db.close();
    },
  };
}

/** Bytes the database holds now (pages x page size). */
export function databaseBytes(runner: SqlRunner): number {
  return runner.scalar("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
}

/**
 * Adds rows with `insert(from, to)` (ids from..to inclusive) until the database holds at least
 * `target` bytes, sizing each batch from the bytes per row measured so far. Returns the row count.
 */
export function growTo(runner: SqlRunner, target: number, insert: (from: number, to: number) => string): number {
  let rows = 0;
  let batch = 1000;
  for (;;) {
    runner.exec(insert(rows + 1, rows + batch));
    rows += batch;
    const size = databaseBytes(runner);
    if (size >= target) return rows;
    const perRow = size / rows;
    batch = Math.max(100, Math.min(500_000, Math.ceil((target - size) / perRow)));
  }
}
