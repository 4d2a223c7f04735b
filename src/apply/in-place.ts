/**
 * `apply` with the native driver, on the database file itself: no copy in memory, no write-back,
 * SQLite's own locks instead of fingerprints. Memory and time depend on the change, not on the
 * size of the database.
 *
 * open (busy timeout = lock timeout) -> plan -> refuse destructive -> confirm -> verified backup
 * (VACUUM INTO, a consistent snapshot even in WAL mode) -> the shared transaction (runPlan in
 * apply.ts), whose BEGIN takes the write lock at once (BEGIN IMMEDIATE) and re-checks the schema
 * under it -> COMMIT.
 *
 * Why an app may keep the database open (https://www.sqlite.org/wal.html#concurrency,
 * https://www.sqlite.org/lockingv3.html): SQLite's locks serialise writers. BEGIN IMMEDIATE waits
 * up to the lock timeout for the app's write transaction to end, then nobody else can write
 * until COMMIT; in WAL mode readers keep reading the last committed state throughout, in rollback
 * mode they are only held off for the moment of COMMIT. A `-wal` with frames is therefore not a
 * refusal here: SQLite reads through it, so every transaction the app committed is seen and kept.
 * A hot `-journal` left by a crashed app is rolled back by SQLite when the file is opened, exactly
 * as the app itself would do on restart (https://www.sqlite.org/atomiccommit.html#_hot_rollback_journals);
 * a journal of a write still in progress is not hot (its writer holds a lock), so we wait for it.
 * The journal mode is never changed.
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import * as path from "node:path";
import type { Connection, SqlValue } from "../db/driver.js";
import { busy, isBusyError, type FileConnection, type NativeDriver } from "../db/native.js";
import { isNativeDriver } from "../db/select.js";
import { DiagnosticError, errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import { schemaHash } from "../hash.js";
import type { Plan } from "../plan/step.js";
import { engineTooOld, planScript, runPlan, statusOf } from "./apply.js";
import { checkWritableFile, checkWritableFolder, chooseBackupPath, removeQuietly, shellQuote, type FileSystem } from "./file.js";
import { defaultApplyDeps, runOptionsFor, type ApplyDeps, type ApplyOutcome, type ApplyRequest } from "./index.js";
import { countLosses, destructiveRefusals, foreignKeysEnabled, type Loss } from "./preflight.js";
import { withoutIgnored } from "./verify.js";

/** How long to wait for another connection's lock by default (`--lock-timeout`). */
export const DEFAULT_LOCK_TIMEOUT_MS = 5000;

/** An apply request for the native driver (`lockTimeoutMs` defaults to 5000). */
export type InPlaceRequest = ApplyRequest;

/**
 * Applies the declared schema to the database file in place, all or nothing, with the native
 * driver. Same contract as `applyDatabase`: refusals are REFUSED_* (REFUSED_BUSY when another
 * connection kept its lock past `lockTimeoutMs`), and on every failure nothing was committed and
 * no backup is left behind.
 */
export async function applyInPlace(request: InPlaceRequest, deps: Partial<ApplyDeps> = {}): Promise<Result<ApplyOutcome>> {
  if (!isNativeDriver(request.driver)) {
    return fail({ code: "USAGE", message: "applying in place needs the native driver (better-sqlite3)" });
  }
  const driver: NativeDriver = request.driver;
  const d: ApplyDeps = { ...defaultApplyDeps, ...deps };
  const now = request.now ?? (() => new Date());
  const started = now();
  const ignore = request.ignore ?? (() => false);
  const dbPath = path.resolve(request.dbPath);
  const writes = !request.dryRun;

  const opened = driver.openFile(dbPath, {
    readonly: false,
    busyTimeoutMs: request.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
  });
  if (!opened.ok) return opened;
  const conn = opened.value;
  let backupPath: string | null = null;
  let rehearsal: Connection | null = null;
  try {
    // SQLite creates its -journal / -wal next to the database; the backup goes there too.
    const writable = checkWritableFolder(d.fs, path.dirname(dbPath));
    if (!writable.ok) return writable;
    // A read-only (or immutable) file opens read-write anyway; say so before any step fails on it.
    const fileWritable = request.dryRun ? ok(undefined) : checkWritableFile(d.fs, dbPath);
    if (!fileWritable.ok) return fileWritable;
    const current = d.introspect(conn, { ignore });
    if (!current.ok) return current;
    const before = withoutIgnored(current.value, ignore);
    const hashBefore = schemaHash(before);
    const planned = d.plan(before, request.desired, conn);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const warnings = planned.warnings;
    const summary = { dbPath, plan, schemaHashBefore: hashBefore, started, now };
    const tooOld = engineTooOld(conn, plan);
    if (tooOld) return tooOld;
    const unchanged = { schemaHashAfter: hashBefore, historyId: null };
    if (plan.steps.length === 0) {
      return ok(outcome(summary, { status: "up-to-date", statements: [], losses: [], ...unchanged }, null), warnings);
    }

    // The refusals that need no lock and the question come first: the app is never blocked
    // while someone reads the plan.
    const early = await refuseOrConfirm(conn, plan, request);
    if (!early.ok) return early;
    if (early.value.declined) {
      const { script, losses } = early.value;
      return ok(outcome(summary, { status: "declined", statements: script, losses, ...unchanged }, null), warnings);
    }

    if (writes && request.backup.kind !== "none") {
      const target = chooseBackupPath(d.fs, dbPath, request.backup, started);
      if (!target.ok) return target;
      const made = writeSnapshotBackup(d.fs, conn, target.value);
      if (!made.ok) return made;
      backupPath = target.value;
    }

    const locked = lockingConnection(conn, (c) => {
      const again = d.introspect(c, { ignore });
      return again.ok && schemaHash(withoutIgnored(again.value, ignore)) === hashBefore;
    });
    // --dry-run rehearses on an in-memory copy (docs/CLI.md): no lock, no journal, and it works
    // on a file that cannot be written.
    rehearsal = request.dryRun ? driver.fromBytes(conn.export()) : null;
    const run = await runPlan(rehearsal ?? locked.conn, plan, runOptionsFor(request, before, hashBefore, d.introspect, now));
    if (!run.ok) return fail(...locked.explain(run.diagnostics, dbPath));
    const statements = run.value.script.map((sql) => (sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql));
    const done = outcome(
      summary,
      {
        status: statusOf(run.value.status),
        statements,
        losses: run.value.losses,
        schemaHashAfter: run.value.schemaHashAfter ?? hashBefore,
        historyId: run.value.historyId,
      },
      run.value.status === "committed" ? backupPath : null,
    );
    if (run.value.status === "committed") backupPath = null; // kept: it belongs to the outcome now
    return ok(done, warnings);
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `apply failed: ${errorText(error)}` });
  } finally {
    rehearsal?.close();
    conn.close();
    // A backup of a database that was not changed would only be a stray copy of it.
    if (backupPath) removeQuietly(d.fs, backupPath);
  }
}

interface Early {
  readonly declined: boolean;
  readonly script: readonly string[];
  readonly losses: readonly Loss[];
}

/** Refuses a destructive plan (unless allowed) and asks `confirm`, before any lock or backup. */
async function refuseOrConfirm(conn: Connection, plan: Plan, request: InPlaceRequest): Promise<Result<Early>> {
  let losses: readonly Loss[];
  try {
    losses = countLosses(conn, plan);
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `could not count what the plan would lose: ${errorText(error)}` });
  }
  if (!request.allowDestructive) {
    const refusals = destructiveRefusals(plan, losses);
    if (refusals.length > 0) return fail(...refusals);
  }
  const script = planScript(plan, foreignKeysEnabled(conn)).map((sql) => (sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql));
  const declined = !request.dryRun && request.confirm !== undefined && !(await request.confirm(plan, { script, losses }));
  return ok({ declined, script, losses });
}

/**
 * The connection runPlan gets: its `BEGIN` takes the write lock at once (BEGIN IMMEDIATE, waiting
 * up to the busy timeout), because a deferred transaction in WAL mode that has read and then
 * finds another writer committed fails at once with SQLITE_BUSY_SNAPSHOT instead of waiting
 * (https://www.sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions).
 * Under the lock it re-checks that the schema is still the one the plan was made from. It also
 * remembers why the transaction failed, so that `explain` can report a lock timeout as
 * REFUSED_BUSY and a schema changed by another process as REFUSED_CHANGED.
 */
function lockingConnection(
  inner: FileConnection,
  schemaUnchanged: (conn: Connection) => boolean,
): { conn: Connection; explain: (diagnostics: readonly Diagnostic[], file: string) => Diagnostic[] } {
  let busyDetail: string | null = null;
  let refusal: Diagnostic | null = null;
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (isBusyError(error)) busyDetail ??= errorText(error);
      throw error;
    }
  };
  const conn: Connection = {
    sqliteVersion: inner.sqliteVersion,
    query: <T extends Record<string, SqlValue>>(sql: string, params?: readonly SqlValue[]) => guard(() => inner.query<T>(sql, params)),
    exec(sql: string): void {
      if (!/^\s*BEGIN(\s+DEFERRED)?(\s+TRANSACTION)?\s*;?\s*$/i.test(sql)) {
        guard(() => inner.exec(sql));
        return;
      }
      guard(() => inner.exec("BEGIN IMMEDIATE"));
      if (!schemaUnchanged(inner)) {
        refusal = {
          code: "REFUSED_CHANGED",
          file: inner.path,
          message: "the database schema changed while apply was preparing (another process altered it). Nothing was written.",
          hint: "run apply again: the plan is recomputed from the schema as it is now",
        };
        throw new DiagnosticError([refusal]);
      }
    },
    export: () => inner.export(),
    close: () => inner.close(),
  };
  const explain = (diagnostics: readonly Diagnostic[], file: string): Diagnostic[] => {
    if (refusal) return [refusal];
    // Only an engine failure is re-labelled; a refusal about the data stays what it is.
    if (busyDetail !== null && diagnostics.every((x) => x.code === "APPLY_FAILED")) return [busy(file, busyDetail)];
    return [...diagnostics];
  };
  return { conn, explain };
}

/**
 * A verified backup of the database as it is now, taken with `VACUUM INTO` from our own
 * connection outside any transaction: one read transaction, so a consistent snapshot even while
 * the app writes in WAL mode, and it never blocks the app's writers
 * (https://www.sqlite.org/lang_vacuum.html#vacuuminto). The copy is compacted, so it equals the
 * original in content (schema, rows, user_version), not byte for byte. Written to a temporary
 * name, switched to the original's journal mode, checked with quick_check (every b-tree of the
 * copy was just built by VACUUM's bulk copy: see integrity-scope.ts), fsynced, then renamed into
 * place.
 */
function writeSnapshotBackup(fs: FileSystem, conn: FileConnection, target: string): Result<void> {
  const folder = path.dirname(target);
  const temp = path.join(folder, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.schemadiff-tmp`);
  try {
    conn.query("VACUUM INTO ?", [temp]);
    const wal = conn.journalMode().toLowerCase() === "wal";
    conn.query("ATTACH DATABASE ? AS schemadiff_backup", [temp]);
    try {
      // VACUUM INTO writes a rollback-journal database; the app expects the mode it chose.
      if (wal) conn.query("PRAGMA schemadiff_backup.journal_mode = WAL");
      const problems = conn.query("PRAGMA schemadiff_backup.quick_check").map((row) => String(Object.values(row)[0]));
      if (problems.length !== 1 || problems[0] !== "ok") {
        throw new Error(`quick_check of the copy reports: ${problems.slice(0, 5).join("; ")}`);
      }
    } finally {
      conn.query("DETACH DATABASE schemadiff_backup");
    }
    fs.chmodSync(temp, modeOf(conn.path));
    fsyncPath(fs, temp, "r+");
    // rename() would silently replace a file that appeared since the name was chosen.
    if (fs.existsSync(target)) throw new Error(`${target} appeared meanwhile`);
    fs.renameSync(temp, target);
    try {
      fsyncPath(fs, folder, "r");
    } catch {
      // Some platforms cannot fsync a folder; the backup is complete either way.
    }
    return ok(undefined);
  } catch (error) {
    removeQuietly(fs, temp);
    removeQuietly(fs, `${temp}-wal`);
    removeQuietly(fs, `${temp}-shm`);
    return fail({
      code: isBusyError(error) ? "REFUSED_BUSY" : "APPLY_FAILED",
      file: conn.path,
      message: `could not write the backup ${target}: ${errorText(error)}. Nothing was written.`,
      hint: "free some disk space or choose another --backup path (or --no-backup), then run apply again",
    });
  }
}

function fsyncPath(fs: FileSystem, file: string, flags: string): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Permission bits only; the backup holds the same data, so it gets the same protection. */
function modeOf(file: string): number {
  return statSync(file).mode & 0o7777;
}

/** The restore command for a live database: the sqlite3 shell's `.restore` copies the backup in
 * through SQLite's backup API, under SQLite's locks, so a `-wal` next to the database cannot be
 * replayed onto the restored pages the way it could after a plain `cp`. */
export function inPlaceRestoreCommand(backupPath: string, dbPath: string): string {
  const arg = `"${backupPath.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return `sqlite3 ${shellQuote(dbPath)} ${shellQuote(`.restore ${arg}`)}`;
}

type Summary = {
  readonly dbPath: string;
  readonly plan: Plan;
  readonly schemaHashBefore: string;
  readonly started: Date;
  readonly now: () => Date;
};

type Ending = Pick<ApplyOutcome, "status" | "statements" | "losses" | "schemaHashAfter" | "historyId">;

function outcome(summary: Summary, ending: Ending, backupPath: string | null): ApplyOutcome {
  return {
    ...ending,
    plan: summary.plan,
    schemaHashBefore: summary.schemaHashBefore,
    applied: ending.status === "applied",
    backupPath,
    restoreCommand: backupPath ? inPlaceRestoreCommand(backupPath, summary.dbPath) : null,
    durationMs: Math.max(0, summary.now().getTime() - summary.started.getTime()),
  };
}

