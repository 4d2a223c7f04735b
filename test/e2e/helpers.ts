/** End-to-end helpers: the CLI driven in-process, and real database files built from the fixtures. */
import { cliEnv } from "../helpers/driver-env.js";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HISTORY_TABLE } from "../../src/apply/history.js";
import { run, type Io } from "../../src/cli/main.js";
import type { Connection, Row, SqlValue } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { quoteIdent } from "../../src/sqlite/quote.js";

/** The repository root: the CLI runs from here, as a user in this checkout would. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** What one CLI invocation printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `schemadiff ARGV` in-process, without a terminal, from the repository root. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env: { NO_COLOR: "1", ...cliEnv() },
    cwd: ROOT,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** SHA-256 of a file's bytes: to prove a file was, or was not, written. */
export function fileHash(path: string): string {
  return createHash("sha256").update(new Uint8Array(readFileSync(path))).digest("hex");
}

/** A fresh empty folder under the OS temp folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "schemadiff-e2e-"));
}

/** Builds `dir/name` by running a fixture's SQL (path relative to the repository root) in sql.js. */
export async function buildFixture(sqlPath: string, dir: string, name: string): Promise<string> {
  const driver = await loadSqlJs();
  const conn = driver.memory();
  try {
    conn.exec(readFileSync(join(ROOT, sqlPath), "utf8"));
    const path = join(dir, name);
    writeFileSync(path, conn.export());
    return path;
  } finally {
    conn.close();
  }
}

/** Opens an in-memory copy of a database file: changes made through it never reach the file. */
export async function openCopy(path: string): Promise<Connection> {
  const driver = await loadSqlJs();
  return driver.fromBytes(new Uint8Array(readFileSync(path)));
}

/** Runs `fn` on an in-memory copy of the database file and closes it. */
export async function withCopy<T>(path: string, fn: (conn: Connection) => T): Promise<T> {
  const conn = await openCopy(path);
  try {
    return fn(conn);
  } finally {
    conn.close();
  }
}

/** The single value of a one-row, one-column query. */
export function scalar(conn: Connection, sql: string, params: readonly SqlValue[] = []): SqlValue {
  const rows = conn.query(sql, params);
  const first: Row | undefined = rows[0];
  if (first === undefined) throw new Error(`no row from: ${sql}`);
  return Object.values(first)[0] ?? null;
}

/** Names of the application's tables, sorted: not SQLite's own (sqlite_*) nor schemadiff's history. */
export function tableNames(conn: Connection): string[] {
  return conn
    .query<{ name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name",
      [HISTORY_TABLE],
    )
    .map((r) => r.name);
}

/** Row count of every ordinary table. */
export function rowCounts(conn: Connection): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of tableNames(conn)) {
    counts[name] = Number(scalar(conn, `SELECT count(*) FROM ${quoteIdent(name)}`));
  }
  return counts;
}

/** The result of `PRAGMA integrity_check`, one string per row ("ok" when healthy). */
export function integrity(conn: Connection): string[] {
  return conn.query("PRAGMA integrity_check").map((r) => String(Object.values(r)[0]));
}

/** The detail column of EXPLAIN QUERY PLAN, joined by newlines. */
export function queryPlan(conn: Connection, sql: string, params: readonly SqlValue[] = []): string {
  return conn
    .query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)
    .map((r) => r.detail)
    .join("\n");
}

/** True when running `sql` fails with an error whose message contains `fragment`. */
export function rejects(conn: Connection, sql: string, fragment: string): boolean {
  try {
    conn.exec(sql);
  } catch (e) {
    return String(e instanceof Error ? e.message : e).includes(fragment);
  }
  return false;
}

/**
 * Everything a database holds, as data: its schema text and every row of every table.
 * Backups made by the native driver (VACUUM INTO) equal the original in this, not byte for byte.
 */
export async function contentOf(path: string): Promise<unknown> {
  return withCopy(path, (conn) => ({
    schema: conn.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"),
    rows: tableNames(conn).map((t) => ({ t, rows: conn.query(`SELECT * FROM "${t.replaceAll('"', '""')}" ORDER BY 1`) })),
  }));
}
