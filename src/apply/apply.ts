/**
 * The transaction rules (DESIGN.md §5), on an open connection: destructive steps are refused
 * before anything runs; `foreign_keys` is switched off outside the transaction when the plan needs
 * it; every step runs after its data checks; before COMMIT the foreign keys, the file's integrity
 * and the resulting schema are verified; any failure rolls everything back.
 */
import type { Connection } from "../db/driver.js";
import { assertNever } from "../assert-never.js";
import { compareVersions } from "../plan/versions.js";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import { schemaHash, sha256Hex } from "../hash.js";
import type { Schema } from "../model.js";
import type { Plan, Step } from "../plan/step.js";
import { recordHistory } from "./history.js";
import {
  countLosses,
  dataRefusals,
  destructiveRefusals,
  findViolations,
  foreignKeyRefusals,
  foreignKeysEnabled,
  foreignKeyViolations,
  newForeignKeyViolations,
  type ForeignKeyViolation,
  type Loss,
} from "./preflight.js";
import { runWithProgress, type ProgressEvent, type ProgressListener } from "./progress.js";
import { diagnoseCopy } from "./diagnose.js";
import { currentName, integrityProblems, lostRows, remainingDrift, rowCounts, withoutIgnored } from "./verify.js";

/** What the caller sees before deciding: the plan's full script and what it would lose. */
export interface ConfirmContext {
  readonly script: readonly string[];
  readonly losses: readonly Loss[];
}

/** How to run a plan. */
export interface RunOptions {
  /** The schema as read (ignored names left out): its tables must keep every row. */
  readonly current: Schema;
  /** The declared schema, normalised; the result must equal it (modulo ignored names). */
  readonly desired: Schema;
  /** `renamed_from` on tables: new name -> old name (to follow rows across a rename). */
  readonly tableRenames: ReadonlyMap<string, string>;
  readonly ignore: (name: string) => boolean;
  readonly allowDestructive: boolean;
  /** Run and verify everything, then roll back. */
  readonly dryRun: boolean;
  /** Write a `_schemadiff_history` row in the same transaction; null for none. */
  readonly history: { readonly toolVersion: string; readonly schemaHashBefore: string } | null;
  readonly introspect: (conn: Connection) => Result<Schema>;
  /** Asked after the refusals that need no transaction; false leaves everything as it was. */
  readonly confirm?: (plan: Plan, context: ConfirmContext) => Promise<boolean>;
  readonly progress?: ProgressListener;
  readonly now: () => Date;
}

/** How a run ended when nothing failed. */
export type RunStatus = "committed" | "dry-run" | "declined";

/** The result of running a plan. */
export interface RunOutcome {
  readonly status: RunStatus;
  /** Exactly the SQL that runs, in order: PRAGMAs outside the transaction, BEGIN, steps, COMMIT. */
  readonly script: readonly string[];
  readonly losses: readonly Loss[];
  /** Hash of the schema after the plan (null when declined: the plan never ran). */
  readonly schemaHashAfter: string | null;
  /** Id of the history row written (null when none was, or it was rolled back). */
  readonly historyId: number | null;
}

/** The SQL a plan runs as a script, `foreign_keys` handling and transaction included. */
export function planScript(plan: Plan, foreignKeysWereOn: boolean): readonly string[] {
  const toggle = plan.needsForeignKeysOff && foreignKeysWereOn;
  return [
    ...(toggle ? ["PRAGMA foreign_keys = OFF"] : []),
    "BEGIN",
    ...plan.steps.flatMap((step) => step.sql),
    "COMMIT",
    ...(toggle ? ["PRAGMA foreign_keys = ON"] : []),
  ];
}

/** SHA-256 of a plan's statements as a script (each followed by `;` and a newline). */
export function planSha256(plan: Plan): string {
  return sha256Hex(plan.steps.flatMap((step) => step.sql.map((sql) => `${sql};\n`)).join(""));
}

/** Runs `plan` on `conn` all or nothing. Never throws; every failure leaves no change committed. */
export async function runPlan(conn: Connection, plan: Plan, options: RunOptions): Promise<Result<RunOutcome>> {
  const losses = countLosses(conn, plan);
  if (!options.allowDestructive) {
    const refusals = destructiveRefusals(plan, losses);
    if (refusals.length > 0) return fail(...refusals);
  }
  let foreignKeysWereOn: boolean;
  try {
    foreignKeysWereOn = foreignKeysEnabled(conn);
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `could not read PRAGMA foreign_keys: ${errorText(error)}` });
  }
  const script = planScript(plan, foreignKeysWereOn);
  if (!options.dryRun && options.confirm) {
    const confirmed = await ask(options.confirm, plan, { script, losses });
    if (!confirmed.ok) return confirmed;
    if (!confirmed.value) return ok({ status: "declined", script, losses, schemaHashAfter: null, historyId: null });
  }
  const before = takeBefore(conn, options, losses);
  if (!before.ok) return before;
  const toggle = plan.needsForeignKeysOff && foreignKeysWereOn;
  const done = transaction(conn, plan, options, before.value, toggle);
  return done.ok ? ok({ ...done.value, script, losses }) : done;
}

/** The caller's confirmation; a prompt that fails (its input closed) is an answer of no kind, so a failure. */
async function ask(confirm: NonNullable<RunOptions["confirm"]>, plan: Plan, context: ConfirmContext): Promise<Result<boolean>> {
  try {
    return ok(await confirm(plan, context));
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `could not ask for confirmation: ${errorText(error)}. Nothing was written.` });
  }
}

/** What the post-conditions compare against, taken before BEGIN so only the plan's own effects count. */
function takeBefore(conn: Connection, options: RunOptions, losses: readonly Loss[]): Result<Before> {
  try {
    return ok({
      violations: foreignKeyViolations(conn),
      rows: rowCounts(conn, options.current.tables.map((t) => t.name)),
      dropped: new Set(losses.filter((l) => l.column === null).map((l) => l.table)),
    });
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `could not take the pre-apply checks: ${errorText(error)}` });
  }
}

/** BEGIN, steps, verification, history, then COMMIT (or ROLLBACK on a dry run or any failure). */
function transaction(
  conn: Connection,
  plan: Plan,
  options: RunOptions,
  before: Before,
  toggle: boolean,
): Result<Pick<RunOutcome, "status" | "schemaHashAfter" | "historyId">> {
  try {
    // A no-op inside a transaction, so it must come first (https://www.sqlite.org/pragma.html#pragma_foreign_keys).
    if (toggle) conn.exec("PRAGMA foreign_keys = OFF");
    conn.exec("BEGIN");
    const started = options.now().getTime();
    const verified = runSteps(conn, plan, options.progress) ?? verify(conn, options, before, plan);
    if (!verified.ok) {
      rollback(conn);
      return verified;
    }
    const history = options.history;
    const historyId = history ? writeHistory(conn, plan, history, options.now, verified.value, started) : null;
    if (historyId !== null && !historyId.ok) {
      rollback(conn);
      return historyId;
    }
    if (options.dryRun) rollback(conn);
    else conn.exec("COMMIT");
    return ok({
      status: options.dryRun ? "dry-run" : "committed",
      schemaHashAfter: verified.value,
      historyId: options.dryRun || historyId === null ? null : historyId.value,
    });
  } catch (error) {
    rollback(conn);
    return fail({ code: "APPLY_FAILED", message: `the apply transaction failed: ${errorText(error)}` });
  } finally {
    if (toggle) restoreForeignKeys(conn);
  }
}

/** Runs every step after its data checks; a failure result, or null when all ran. */
function runSteps(conn: Connection, plan: Plan, progress: ProgressListener | undefined): Result<never> | null {
  const count = plan.steps.length;
  const report = quiet(progress);
  for (const [i, step] of plan.steps.entries()) {
    report?.({ kind: "step", index: i + 1, count, why: step.why, table: step.table });
    const refused = checkData(conn, step, i + 1, count);
    if (refused !== null) {
      // Where SQLite enforces the rule itself, its verdict settles it; the counts explain a refusal.
      const settledBySqlite = !refused.ok && refused.diagnostics.every(enforcedByStep) && ranUnderSavepoint(conn, step, report);
      if (!settledBySqlite) return refused;
      continue;
    }
    for (const sql of step.sql) {
      try {
        runWithProgress(conn, step, sql, report);
      } catch (error) {
        const counted = diagnoseCopy(conn, sql, errorText(error), step, i + 1, count);
        if (counted !== null) return fail(counted);
        return fail({
          code: "APPLY_FAILED",
          message:
            `step ${i + 1}/${count} failed (${step.why}): ${errorText(error)}\n  statement: ${sql}\n` +
            "The transaction was rolled back; nothing was written.",
        });
      }
    }
  }
  return null;
}

/**
 * A data check is SQL that emulates what SQLite will do (affinity, collation, how a default
 * reads back); where the step itself enforces the rule (CHECK, NOT NULL, UNIQUE, STRICT: all but
 * foreign keys, which wait for the check before COMMIT), SQLite's verdict is the final one.
 */
function enforcedByStep(d: Diagnostic): boolean {
  return d.code === "REFUSED_DATA" && !d.message.startsWith("FOREIGN KEY");
}

/**
 * Runs `step` under a savepoint after its data checks reported violations: true when SQLite
 * accepted every statement (the checks were wrong, the step stays done), false when it refused
 * one (the step is undone, and the checks' counts explain the refusal).
 */
function ranUnderSavepoint(conn: Connection, step: Step, report: ProgressListener | undefined): boolean {
  conn.exec("SAVEPOINT schemadiff_step");
  try {
    for (const sql of step.sql) runWithProgress(conn, step, sql, report);
    conn.exec("RELEASE schemadiff_step");
    return true;
  } catch {
    conn.exec("ROLLBACK TO schemadiff_step");
    conn.exec("RELEASE schemadiff_step");
    return false;
  }
}

function checkData(conn: Connection, step: Step, index: number, count: number): Result<never> | null {
  try {
    const violations = findViolations(conn, step);
    return violations.length > 0 ? fail(...dataRefusals(violations, index, count, step)) : null;
  } catch (error) {
    return fail({
      code: "APPLY_FAILED",
      message: `step ${index}/${count} (${step.why}): a data check failed to run: ${errorText(error)}`,
    });
  }
}

/** What the post-conditions compare against. */
interface Before {
  readonly violations: readonly ForeignKeyViolation[];
  readonly rows: ReadonlyMap<string, number>;
  /** Tables whose loss was accepted (`--allow-destructive`). */
  readonly dropped: ReadonlySet<string>;
}

/** The post-conditions; on success, the hash of the resulting schema. */
function verify(conn: Connection, options: RunOptions, before: Before, plan: Plan): Result<string> {
  // Violations the file already had, under the names the plan gave their tables.
  const renamed = currentName(options.tableRenames);
  const had = before.violations.map((v) => ({ ...v, table: renamed(v.table), parent: renamed(v.parent) }));
  const orphans = newForeignKeyViolations(had, foreignKeyViolations(conn));
  if (orphans.length > 0) return fail(...foreignKeyRefusals(orphans));
  const lost = lostRows(before.rows, conn, options.tableRenames, before.dropped);
  if (lost.length > 0) return fail(verifyFailed(`the plan lost rows: ${lost.join("; ")}`));
  const problems = integrityProblems(conn, plan.steps.flatMap((s) => s.sql));
  if (problems.length > 0)
    return fail(verifyFailed(`PRAGMA integrity_check reports: ${problems.slice(0, 10).join("; ")}`));
  const after = options.introspect(conn);
  if (!after.ok) return after;
  const actual = withoutIgnored(after.value, options.ignore);
  const drift = remainingDrift(actual, withoutIgnored(options.desired, options.ignore));
  if (drift.length > 0)
    return fail(verifyFailed(`after the plan, the schema still differs from the declaration: ${drift.join("; ")}`));
  return ok(schemaHash(actual));
}

function verifyFailed(what: string): Diagnostic {
  return {
    code: "VERIFY_FAILED",
    message: `${what}. The transaction was rolled back; nothing was written.`,
    hint: "this is a bug in schemadiff's plan; please report it with the output of `schemadiff plan --format sql`",
  };
}

function writeHistory(
  conn: Connection,
  plan: Plan,
  history: NonNullable<RunOptions["history"]>,
  clock: () => Date,
  hashAfter: string,
  started: number,
): Result<number> {
  const now = clock();
  try {
    return ok(
      recordHistory(conn, {
        appliedAt: now.toISOString(),
        toolVersion: history.toolVersion,
        schemaHashBefore: history.schemaHashBefore,
        schemaHashAfter: hashAfter,
        planSha256: planSha256(plan),
        statements: plan.steps.flatMap((step) => step.sql),
        durationMs: Math.max(0, now.getTime() - started),
        status: "applied",
      }),
    );
  } catch (error) {
    return fail({ code: "APPLY_FAILED", message: `could not record the apply history: ${errorText(error)}` });
  }
}

/** ROLLBACK, tolerating a transaction SQLite already rolled back itself (https://www.sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction). */
function rollback(conn: Connection): void {
  try {
    conn.exec("ROLLBACK");
  } catch {
    // "cannot rollback - no transaction is active": already rolled back.
  }
}

/** Turns enforcement back on after COMMIT or ROLLBACK (the connection is discarded if this fails). */
function restoreForeignKeys(conn: Connection): void {
  try {
    conn.exec("PRAGMA foreign_keys = ON");
  } catch {
    // Only the in-memory connection's setting; the file does not store it.
  }
}

/** Progress is cosmetic: a listener that throws must not abort a migration. */
function quiet(listener: ProgressListener | undefined): ProgressListener | undefined {
  if (!listener) return undefined;
  return (event: ProgressEvent) => {
    try {
      listener(event);
    } catch {
      // Ignored on purpose: see above.
    }
  };
}

/** How a run ended, as the outcome of an apply reports it. */
export function statusOf(status: RunStatus): "applied" | "dry-run" | "declined" {
  switch (status) {
    case "committed":
      return "applied";
    case "dry-run":
      return "dry-run";
    case "declined":
      return "declined";
    default:
      return assertNever(status);
  }
}

/** Refuses (DB_UNSUPPORTED) a plan whose statements need a newer SQLite than the engine's. */
export function engineTooOld(conn: Connection, plan: Plan): Result<never> | null {
  if (compareVersions(conn.sqliteVersion, plan.minSqliteVersion) >= 0) return null;
  return fail({
    code: "DB_UNSUPPORTED",
    message: `the plan needs SQLite ${plan.minSqliteVersion} or newer; the engine is ${conn.sqliteVersion}`,
    hint: "upgrade the SQLite engine, use the other --driver, or plan for the older version (--target-sqlite)",
  });
}
