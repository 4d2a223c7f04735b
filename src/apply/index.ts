/**
 * `apply`: bring a database file to the declared schema without ever losing data.
 *
 * read (refuse if in use) -> plan -> refuse destructive -> confirm -> one transaction on the
 * in-memory copy (data checks, steps, verification, history) -> COMMIT -> check the file is
 * unchanged -> verified backup -> atomic write-back. Anything that fails before the final rename
 * leaves the file byte-for-byte (and mtime) as it was, with no stray files.
 */
import * as path from "node:path";
import { readDatabaseFile } from "../db/file.js";
import type { Connection, Driver } from "../db/driver.js";
import { diffSchemas } from "../diff/diff-schema.js";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import { schemaHash } from "../hash.js";
import type { Declared } from "../load/index.js";
import type { Schema } from "../model.js";
import { planChanges } from "../plan/plan.js";
import type { Plan } from "../plan/step.js";
import { introspect } from "../sqlite/introspect.js";
import { engineTooOld, runPlan, statusOf, type ConfirmContext, type RunOptions } from "./apply.js";
import {
  checkWritableFile,
  checkWritableFolder,
  chooseBackupPath,
  nodeFileSystem,
  readLiveFile,
  readSidecars,
  releaseBytes,
  removeQuietly,
  restoreCommand,
  restoreFormatVersions,
  toEngineImage,
  type FileSystem,
  type LiveFile,
  type ReadDatabase,
  type ReadSidecars,
} from "./file.js";
import { checkUnchanged } from "./fingerprint.js";
import type { Loss } from "./preflight.js";
import type { ProgressListener } from "./progress.js";
import { withoutIgnored } from "./verify.js";
import { replaceFile, writeBackup } from "./write-back.js";

import { isNativeDriver } from "../db/select.js";
import { applyInPlace } from "./in-place.js";
export type { ConfirmContext } from "./apply.js";
export type { FileSystem } from "./file.js";
export { readHistory, HISTORY_TABLE, type HistoryEntry } from "./history.js";
export type { Loss } from "./preflight.js";
export type { ProgressEvent, ProgressListener } from "./progress.js";

/** Where the backup goes: `<db>.<UTC timestamp>.bak` next to the database, a chosen file, or none. */
export type BackupChoice = { readonly kind: "default" } | { readonly kind: "path"; readonly path: string } | { readonly kind: "none" };

/** Everything `apply` needs; the CLI builds it from its flags. */
export interface ApplyRequest {
  /** The database file to change. */
  readonly dbPath: string;
  readonly driver: Driver;
  /** The loaded declaration (its `schema` is the normalised desired schema). */
  readonly desired: Declared;
  /** Names of unmanaged objects to leave alone (`--ignore`); they are neither planned nor verified. */
  readonly ignore?: (name: string) => boolean;
  /** `--allow-destructive`: without it, a plan that would drop data is refused before anything runs. */
  readonly allowDestructive: boolean;
  /** `--backup FILE` / `--no-backup`; the default keeps `<db>.<UTC timestamp>.bak`. */
  readonly backup: BackupChoice;
  /** Record the apply in `_schemadiff_history` (`--no-history` turns it off). */
  readonly history: boolean;
  /** `--dry-run`: run and verify everything on the in-memory copy, then roll back; write nothing. */
  readonly dryRun: boolean;
  /**
   * Asked once the plan is known and not refused (a TTY prompt); false declines and nothing is
   * written. Absent means already confirmed (`--yes`). Never asked on a dry run or an empty plan.
   */
  readonly confirm?: (plan: Plan, context: ConfirmContext) => Promise<boolean>;
  /** Progress of long steps (rows copied per rebuilt table), for a TTY. */
  readonly progress?: ProgressListener;
  /** Written into the history row. */
  readonly toolVersion: string;
  /** Native driver only: how long to wait for another connection's lock before REFUSED_BUSY. */
  readonly lockTimeoutMs?: number;
  /** The clock (backup names, history timestamps, durations); tests fix it. */
  readonly now?: () => Date;
}

/**
 * How an apply ended without error:
 * - applied: the file now holds the declared schema;
 * - up-to-date: there was nothing to do; nothing was written;
 * - dry-run: everything ran and verified in memory, then was rolled back; nothing was written;
 * - declined: `confirm` said no; nothing ran and nothing was written.
 */
export type ApplyStatus = "applied" | "up-to-date" | "dry-run" | "declined";

/** What an apply did. */
export interface ApplyOutcome {
  readonly status: ApplyStatus;
  /** True only when the database file was rewritten. */
  readonly applied: boolean;
  readonly plan: Plan;
  /** Exactly the SQL that ran (or would run): PRAGMAs outside the transaction, BEGIN, steps, COMMIT. */
  readonly statements: readonly string[];
  /** What destructive steps dropped (or would drop), counted before anything ran. */
  readonly losses: readonly Loss[];
  /** Absolute path of the verified backup, or null when none was written. */
  readonly backupPath: string | null;
  /** The one shell command that puts the backup back (`cp '<backup>' '<db>'`), or null. */
  readonly restoreCommand: string | null;
  /** Schema hash (src/hash.ts) of the database as read, ignored names left out. */
  readonly schemaHashBefore: string;
  /** Schema hash after the plan (the same as before when nothing ran). */
  readonly schemaHashAfter: string;
  /** Id of the `_schemadiff_history` row written, or null. */
  readonly historyId: number | null;
  /** Wall time of the whole apply, by the request's clock. */
  readonly durationMs: number;
}

/** The collaborators apply uses; tests replace them (fault injection, hand-made plans). */
export interface ApplyDeps {
  /** Write operations (temporary file, backup, rename). */
  readonly fs: FileSystem;
  /** Reads the database file and what lies next to it (`-wal`, `-journal`). */
  readonly readFile: ReadDatabase;
  /** Reads only what lies next to the database, for the checks before writing back. */
  readonly readSidecars: ReadSidecars;
  readonly introspect: (conn: Connection, options: { readonly ignore?: (name: string) => boolean }) => Result<Schema>;
  /** Computes the plan from the live schema and the declaration. */
  readonly plan: (current: Schema, desired: Declared, conn: Connection) => Result<Plan>;
}

/** The real collaborators: node's fs, db/file.ts, the introspector, the differ and planner. */
export const defaultApplyDeps: ApplyDeps = {
  fs: nodeFileSystem,
  // Releasable: apply gives the bytes' memory back as soon as the engine has its copy (openCopy).
  readFile: (file) => readDatabaseFile(file, { releasable: true }),
  readSidecars,
  introspect: (conn, options) => introspect(conn, options),
  plan: (current, desired) => {
    const changes = diffSchemas(current, desired.schema, desired.hints);
    if (!changes.ok) return changes;
    return ok(planChanges(changes.value, current, desired.schema, desired.hints), changes.warnings);
  },
};

/** The transaction options both apply paths (sql.js copy, native in place) give `runPlan`. */
export function runOptionsFor(
  request: ApplyRequest,
  before: Schema,
  hashBefore: string,
  introspectWith: ApplyDeps["introspect"],
  now: () => Date,
): RunOptions {
  const ignore = request.ignore ?? (() => false);
  return {
    current: before,
    desired: request.desired.schema,
    tableRenames: request.desired.hints.tableRenames,
    ignore,
    allowDestructive: request.allowDestructive,
    dryRun: request.dryRun,
    history: request.history ? { toolVersion: request.toolVersion, schemaHashBefore: hashBefore } : null,
    introspect: (c) => introspectWith(c, { ignore }),
    progress: request.progress,
    now,
  };
}

/**
 * Applies the declared schema to the database file, all or nothing (DESIGN.md §5). Refusals and
 * failures come back as diagnostics (REFUSED_* / APPLY_FAILED / VERIFY_FAILED: exit 3; DB_* and
 * USAGE: exit 2), and in every such case the file has not been touched.
 */
export async function applyDatabase(request: ApplyRequest, deps: Partial<ApplyDeps> = {}): Promise<Result<ApplyOutcome>> {
  // The native driver changes the file in place under SQLite's own locks; sql.js works on a copy.
  if (isNativeDriver(request.driver)) return applyInPlace(request, deps);
  const d: ApplyDeps = { ...defaultApplyDeps, ...deps };
  const now = request.now ?? (() => new Date());
  const started = now();
  const ignore = request.ignore ?? (() => false);

  const opened = openCopy(request, d, started);
  if (!opened.ok) return opened;
  const { file, backupPath, conn } = opened.value;
  let image: Uint8Array;
  let outcome: Omit<ApplyOutcome, "durationMs" | "backupPath" | "restoreCommand" | "applied">;
  let warnings: readonly Diagnostic[] = [];
  try {
    const current = d.introspect(conn, { ignore });
    if (!current.ok) return current;
    const before = withoutIgnored(current.value, ignore);
    const hashBefore = schemaHash(before);
    const plan = d.plan(before, request.desired, conn);
    if (!plan.ok) return plan;
    warnings = plan.warnings;
    const tooOld = engineTooOld(conn, plan.value);
    if (tooOld) return tooOld;
    if (plan.value.steps.length === 0) {
      const nothing = { status: "up-to-date", plan: plan.value, statements: [], losses: [], historyId: null } as const;
      return ok(finish({ ...nothing, schemaHashBefore: hashBefore, schemaHashAfter: hashBefore }, null, started, now), warnings);
    }
    const run = await runPlan(conn, plan.value, {
      ...runOptionsFor(request, before, hashBefore, d.introspect, now),
      confirm: request.confirm,
    });
    if (!run.ok) return run;
    outcome = {
      status: statusOf(run.value.status),
      plan: plan.value,
      statements: run.value.script,
      losses: run.value.losses,
      schemaHashBefore: hashBefore,
      schemaHashAfter: run.value.schemaHashAfter ?? hashBefore,
      historyId: run.value.historyId,
    };
    if (run.value.status !== "committed") return ok(finish(outcome, null, started, now), warnings);
    image = restoreFormatVersions(conn.export(), file.formatVersions);
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `apply failed: ${errorText(error)}` });
  } finally {
    // Before writing: the engine's copy of the file is freed, so only the exported image is held.
    conn.close();
  }

  // Only now, with a committed and verified image, is anything written.
  const unchanged = checkUnchanged(d.fs, d.readSidecars, file);
  if (unchanged) return fail(unchanged);
  if (backupPath) {
    const backup = writeBackup(d.fs, d.readSidecars, file, backupPath);
    if (!backup.ok) return backup;
  }
  const replaced = replaceFile(d.fs, file, image, () => checkUnchanged(d.fs, d.readSidecars, file));
  if (!replaced.ok) {
    // The original is intact, so the backup would only be a stray copy of it.
    if (backupPath) removeQuietly(d.fs, backupPath);
    return replaced;
  }
  return ok(finish(outcome, backupPath ? { backupPath, dbPath: file.path } : null, started, now), warnings);
}

/** The file read, where its backup goes, and the engine's copy of it. */
interface Opened {
  readonly file: LiveFile;
  readonly backupPath: string | null;
  readonly conn: Connection;
}

/**
 * Reads the file, refuses early what could not be written, and opens the engine's copy. The
 * engine copies the bytes (sql.js into its in-memory file system), so they are released right
 * after (`releaseBytes`), and nothing else ever references them: apply holds one image of the file
 * while the plan runs, and two only while the engine grows its copy or exports it.
 */
function openCopy(request: ApplyRequest, d: ApplyDeps, started: Date): Result<Opened> {
  const read = readLiveFile(d.readFile, request.dbPath);
  if (!read.ok) return read;
  const { file, bytes } = read.value;
  try {
    const backupPath = request.dryRun ? ok(null) : writeTargets(d.fs, file.path, request.backup, started);
    if (!backupPath.ok) return backupPath;
    return ok({ file, backupPath: backupPath.value, conn: request.driver.fromBytes(toEngineImage(bytes)) });
  } catch (error) {
    return fail({ code: "DB_CORRUPT", file: file.path, message: `SQLite cannot open it: ${String(error)}` });
  } finally {
    releaseBytes(bytes);
  }
}

/** Refuses early (DB_READ_ONLY, USAGE) what could not be written; the backup's path, or null. */
function writeTargets(fs: FileSystem, dbPath: string, backup: BackupChoice, started: Date): Result<string | null> {
  const folder = checkWritableFolder(fs, path.dirname(dbPath));
  if (!folder.ok) return folder;
  const writable = checkWritableFile(fs, dbPath);
  if (!writable.ok) return writable;
  return backup.kind === "none" ? ok(null) : chooseBackupPath(fs, dbPath, backup, started);
}

function finish(
  outcome: Omit<ApplyOutcome, "durationMs" | "backupPath" | "restoreCommand" | "applied">,
  backup: { readonly backupPath: string; readonly dbPath: string } | null,
  started: Date,
  now: () => Date,
): ApplyOutcome {
  return {
    ...outcome,
    applied: outcome.status === "applied",
    backupPath: backup?.backupPath ?? null,
    restoreCommand: backup ? restoreCommand(backup.backupPath, backup.dbPath) : null,
    durationMs: Math.max(0, now().getTime() - started.getTime()),
  };
}
