/** Test helpers for apply: real database files in temp folders, hand-made plans, fault injection. */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { applyDatabase, type ApplyDeps, type ApplyOutcome, type ApplyRequest } from "../../src/apply/index.js";
import { nodeFileSystem, type FileSystem } from "../../src/apply/file.js";
import { remainingDrift } from "../../src/apply/verify.js";
import type { Connection, Driver, Row } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { ok, type DiagnosticCode, type Result } from "../../src/errors.js";
import type { Declared } from "../../src/load/index.js";
import { NO_HINTS } from "../../src/model.js";
import type { DataCheck, LossEstimate, Plan, Step } from "../../src/plan/step.js";
import { introspect } from "../../src/sqlite/introspect.js";

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty folder under the OS temp folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "schemadiff-apply-"));
  created.push(dir);
  return dir;
}

/** The image of a database built by running `sql` in sql.js. */
export async function buildImage(sql: string): Promise<Uint8Array> {
  const driver = await loadSqlJs();
  const conn = driver.memory();
  try {
    conn.exec(sql);
    return conn.export();
  } finally {
    conn.close();
  }
}

/** Writes a database built from `sql` to `dir/name` and returns its path. */
export async function writeDb(dir: string, sql: string, name = "app.db"): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await buildImage(sql));
  return path;
}

/** Marks a database image as WAL mode (header bytes 18-19 = 2), as SQLite leaves it after a clean close. */
export function asWalMode(image: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(image);
  copy[18] = 2;
  copy[19] = 2;
  return copy;
}

/** Content hash, size and mtime: what must not change on a refusal. */
export interface Fingerprint {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The fingerprint of a file. */
export function fingerprint(path: string): Fingerprint {
  const st = statSync(path);
  return { sha256: sha256(new Uint8Array(readFileSync(path))), size: st.size, mtimeMs: st.mtimeMs };
}

/** Hex SHA-256. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Sorted names in a folder (to prove no stray file is left). */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Runs `sql` against the database file (read-only: the file is not written). */
export async function queryFile(path: string, sql: string): Promise<Row[]> {
  const driver = await loadSqlJs();
  const conn = driver.fromBytes(new Uint8Array(readFileSync(path)));
  try {
    return conn.query(sql);
  } finally {
    conn.close();
  }
}

/** Changes a database file the way another process would: opens it, runs `sql`, writes it back. */
export async function writeFromOutside(path: string, sql: string): Promise<void> {
  const driver = await loadSqlJs();
  const conn = driver.fromBytes(new Uint8Array(readFileSync(path)));
  try {
    conn.exec(sql);
    writeFileSync(path, conn.export());
  } finally {
    conn.close();
  }
}

/** A declaration whose normalised schema is what SQLite makes of `ddl`. */
export async function declared(ddl: string): Promise<Declared> {
  const driver = await loadSqlJs();
  const conn = driver.memory();
  try {
    conn.exec(ddl);
    const schema = introspect(conn);
    if (!schema.ok) throw new Error(JSON.stringify(schema.diagnostics));
    return { schema: schema.value, declared: schema.value, hints: NO_HINTS, files: [] } as unknown as Declared;
  } finally {
    conn.close();
  }
}

/** A step with safe defaults. */
export function step(sql: string | readonly string[], extra: Partial<Step> = {}): Step {
  return {
    sql: typeof sql === "string" ? [sql] : sql,
    why: extra.why ?? (typeof sql === "string" ? sql : sql[0]),
    safety: "safe",
    table: null,
    rebuild: false,
    checks: [],
    losses: [],
    ...extra,
  };
}

/** A plan of `steps`. */
export function plan(steps: readonly Step[], extra: Partial<Plan> = {}): Plan {
  return { steps, notes: [], needsForeignKeysOff: false, minSqliteVersion: "3.0.0", ...extra };
}

/** A data check with the usual shapes of its queries. */
export function check(rule: string, table: string, where: string, key: string, hint: string): DataCheck {
  return {
    rule,
    table,
    countSql: `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
    sampleSql: `SELECT ${key} FROM ${table} WHERE ${where} LIMIT 5`,
    hint,
  };
}

/** A loss estimate. */
export function loss(table: string, column: string | null): LossEstimate {
  return {
    table,
    column,
    countSql:
      column === null
        ? `SELECT count(*) AS n FROM ${table}`
        : `SELECT count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL`,
  };
}

/** A fixed clock: 2026-11-21T15:30:00Z. */
export const FIXED_NOW = (): Date => new Date(Date.UTC(2026, 10, 21, 15, 30, 0));

/**
 * Runs apply with a hand-made plan and sensible defaults (confirmed, default backup, history on).
 * After every successful apply it asserts what must always hold: the backup is byte-identical to
 * the original, one history row was written (or none with history off), and the database now
 * introspects to exactly the declared schema (`check` would exit 0).
 */
export async function applyPlan(
  dbPath: string,
  thePlan: Plan,
  desired: Declared,
  request: Partial<ApplyRequest> = {},
  deps: Partial<ApplyDeps> = {},
): Promise<Result<ApplyOutcome>> {
  const driver = await loadSqlJs();
  const original = existsSync(dbPath) ? fileSha(dbPath) : null;
  const historyBefore = original ? await historyCount(dbPath) : 0;
  const result = await applyDatabase(
    {
      dbPath,
      driver,
      desired,
      allowDestructive: false,
      backup: { kind: "default" },
      history: true,
      dryRun: false,
      toolVersion: "0.1.0-test",
      now: FIXED_NOW,
      ...request,
    },
    { plan: () => ok(thePlan), ...deps },
  );
  if (result.ok && result.value.applied) {
    const outcome = result.value;
    if (outcome.backupPath) expect(fileSha(outcome.backupPath), "backup identical to the original").toBe(original);
    const history = request.history ?? true;
    expect(await historyCount(dbPath), "history rows").toBe(historyBefore + (history ? 1 : 0));
    const conn = driver.fromBytes(new Uint8Array(readFileSync(dbPath)));
    try {
      const now = introspect(conn);
      if (!now.ok) throw new Error(JSON.stringify(now.diagnostics));
      expect(remainingDrift(now.value, desired.schema), "no drift after apply").toEqual([]);
      expect(conn.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    } finally {
      conn.close();
    }
  }
  return result;
}

async function historyCount(dbPath: string): Promise<number> {
  const rows = await queryFile(dbPath, "SELECT count(*) AS n FROM sqlite_master WHERE name = '_schemadiff_history'");
  if (rows[0]?.n === 0) return 0;
  return Number((await queryFile(dbPath, "SELECT count(*) AS n FROM _schemadiff_history"))[0]?.n);
}

/** Asserts a failed result with exactly these codes and returns the joined messages and hints. */
export function expectFailure(result: Result<unknown>, ...codes: DiagnosticCode[]): string {
  if (result.ok) throw new Error(`expected ${codes.join(", ")}, got success`);
  expect(result.diagnostics.map((d) => d.code)).toEqual(codes);
  return result.diagnostics.map((d) => `${d.message}\n${d.hint ?? ""}`).join("\n");
}

/** Asserts success and returns the outcome. */
export function expectSuccess<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.value;
}

/** Asserts the folder holds exactly `names` and the database has `before`'s fingerprint. */
export function expectUntouched(dbPath: string, before: Fingerprint, dir: string, names: readonly string[]): void {
  expect(fingerprint(dbPath)).toEqual(before);
  expect(listing(dir)).toEqual([...names].sort());
}

/**
 * A valid `-wal` holding one committed frame (https://www.sqlite.org/fileformat2.html#walformat):
 * big-endian checksums, matching salts and an intact checksum chain, so SQLite would replay it.
 */
export function walWithFrame(pageSize = 4096): Uint8Array {
  const out = new Uint8Array(32 + 24 + pageSize);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x377f0683);
  view.setUint32(4, 3007000);
  view.setUint32(8, pageSize);
  view.setUint32(12, 0);
  view.setUint32(16, 0x1234abcd);
  view.setUint32(20, 0x0badf00d);
  let sum = walChecksum(out.subarray(0, 24), [0, 0]);
  view.setUint32(24, sum[0]);
  view.setUint32(28, sum[1]);
  const frame = 32;
  view.setUint32(frame, 1); // page number
  view.setUint32(frame + 4, 1); // database size after commit: a commit frame
  view.setUint32(frame + 8, 0x1234abcd);
  view.setUint32(frame + 12, 0x0badf00d);
  out.fill(7, frame + 24);
  sum = walChecksum(out.subarray(frame, frame + 8), sum);
  sum = walChecksum(out.subarray(frame + 24), sum);
  view.setUint32(frame + 16, sum[0]);
  view.setUint32(frame + 20, sum[1]);
  return out;
}

function walChecksum(data: Uint8Array, seed: readonly [number, number]): [number, number] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let [s0, s1] = seed;
  for (let i = 0; i + 8 <= data.byteLength; i += 8) {
    s0 = (s0 + view.getUint32(i) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4) + s0) >>> 0;
  }
  return [s0, s1];
}

/** A rollback journal that is hot: nonempty, starting with the journal magic. */
export function hotJournal(): Uint8Array {
  const out = new Uint8Array(512);
  out.set([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
  return out;
}

/** One file operation, as a fault injector sees it. */
export interface FsCall {
  readonly op: keyof FileSystem;
  /** The file the call concerns (for fd-based calls, the file the fd was opened on). */
  readonly path: string;
}

/** The real file system, except that calls for which `shouldFail` says yes throw ENOSPC. */
export function faultyFs(shouldFail: (call: FsCall) => boolean, log: FsCall[] = []): FileSystem {
  const fds = new Map<number, string>();
  const guard = (op: keyof FileSystem, path: string): void => {
    const call = { op, path };
    log.push(call);
    if (shouldFail(call)) throw Object.assign(new Error(`ENOSPC: no space left on device, ${op} '${path}'`), { code: "ENOSPC" });
  };
  const real = nodeFileSystem;
  return {
    openSync: (file, flags, mode) => {
      guard("openSync", file);
      const fd = real.openSync(file, flags, mode);
      fds.set(fd, file);
      return fd;
    },
    readSync: (fd, buffer, offset, length, position) => {
      guard("readSync", fds.get(fd) ?? "?");
      return real.readSync(fd, buffer, offset, length, position);
    },
    writeSync: (fd, data, offset, length, position) => {
      guard("writeSync", fds.get(fd) ?? "?");
      return real.writeSync(fd, data, offset, length, position);
    },
    fstatSync: (fd) => {
      guard("fstatSync", fds.get(fd) ?? "?");
      return real.fstatSync(fd);
    },
    fsyncSync: (fd) => {
      guard("fsyncSync", fds.get(fd) ?? "?");
      real.fsyncSync(fd);
    },
    closeSync: (fd) => {
      const file = fds.get(fd) ?? "?";
      fds.delete(fd);
      real.closeSync(fd);
      // After the real close, so an injected failure does not leak the descriptor.
      guard("closeSync", file);
    },
    renameSync: (from, to) => {
      guard("renameSync", to);
      real.renameSync(from, to);
    },
    unlinkSync: (file) => {
      guard("unlinkSync", file);
      real.unlinkSync(file);
    },
    chmodSync: (file, mode) => {
      guard("chmodSync", file);
      real.chmodSync(file, mode);
    },
    chownSync: (file, uid, gid) => {
      guard("chownSync", file);
      real.chownSync(file, uid, gid);
    },
    statSync: (file) => {
      guard("statSync", file);
      return real.statSync(file);
    },
    existsSync: (file) => real.existsSync(file),
    accessSync: (file, mode) => {
      guard("accessSync", file);
      real.accessSync(file, mode);
    },
  };
}

/**
 * A driver whose connections behave like sql.js, except that `intercept` may replace the result of
 * `exec` / `query` (throw to simulate an engine failure, or return rows to fake a PRAGMA).
 */
export function wrapDriver(
  driver: Driver,
  intercept: { exec?: (sql: string) => void; query?: (sql: string) => Row[] | undefined },
): Driver {
  const wrap = (conn: Connection): Connection => ({
    sqliteVersion: conn.sqliteVersion,
    query: <T extends Row>(sql: string, params?: readonly (Row[string])[]) =>
      (intercept.query?.(sql) as T[] | undefined) ?? conn.query<T>(sql, params),
    exec: (sql) => {
      intercept.exec?.(sql);
      conn.exec(sql);
    },
    export: () => conn.export(),
    close: () => conn.close(),
  });
  return { name: driver.name, memory: () => wrap(driver.memory()), fromBytes: (bytes) => wrap(driver.fromBytes(bytes)) };
}

/** Hex SHA-256 of a file's bytes. */
export function fileSha(path: string): string {
  return sha256(new Uint8Array(readFileSync(path)));
}
