/**
 * Preflight against the data: what destructive steps would lose (counted before anything runs),
 * which rows violate a new rule (counted inside the transaction right before its step), and the
 * foreign-key violations a plan introduces. Each finding becomes a refusal that says how many
 * rows, shows a few of them, and what to do.
 */
import { asciiLower } from "../sqlite/names.js";
import type { Connection, Row, SqlValue } from "../db/driver.js";
import { errorText, type Diagnostic } from "../errors.js";
import type { DataCheck, Plan, Step } from "../plan/step.js";

/** What one destructive step would lose, counted on the data before anything runs. */
export interface Loss {
  /** 1-based step number. */
  readonly step: number;
  readonly why: string;
  readonly table: string;
  /** Null when the whole table goes. */
  readonly column: string | null;
  /**
   * Rows (a whole table) or non-NULL values (a column); null when the estimate could not be
   * evaluated on the data as it is before the plan (it names something an earlier step creates).
   */
  readonly count: number | null;
}

/** Rows that violate one new rule. */
export interface Violation {
  readonly check: DataCheck;
  readonly count: number;
  /** Up to 5 identifying rows. */
  readonly samples: readonly Row[];
}

/** One row reported by `PRAGMA foreign_key_check` (https://www.sqlite.org/pragma.html#pragma_foreign_key_check). */
export interface ForeignKeyViolation {
  readonly table: string;
  /** Null for a WITHOUT ROWID table. */
  readonly rowid: number | null;
  readonly parent: string;
  readonly fkid: number;
}

const SAMPLE_LIMIT = 5;

/** Evaluates every destructive step's loss estimates on the data before anything runs. */
export function countLosses(conn: Connection, plan: Plan): readonly Loss[] {
  const losses: Loss[] = [];
  plan.steps.forEach((step, i) => {
    for (const estimate of step.losses) {
      losses.push({
        step: i + 1,
        why: step.why,
        table: estimate.table,
        column: estimate.column,
        count: countOrNull(conn, estimate.countSql),
      });
    }
  });
  return losses;
}

/** One REFUSED_DESTRUCTIVE diagnostic per loss (and per destructive step without an estimate). */
export function destructiveRefusals(plan: Plan, losses: readonly Loss[]): Diagnostic[] {
  const hint =
    "Nothing was written. Review the plan; if the loss is intended, run again with --allow-destructive.";
  const count = plan.steps.length;
  return plan.steps.flatMap((step, i): Diagnostic[] => {
    if (step.safety !== "destructive") return [];
    const mine = losses.filter((loss) => loss.step === i + 1);
    if (mine.length === 0)
      return [{ code: "REFUSED_DESTRUCTIVE", message: `step ${i + 1}/${count} is destructive: ${step.why}`, hint }];
    return mine.map((loss) => ({
      code: "REFUSED_DESTRUCTIVE",
      message: `${describeLoss(loss)} (step ${i + 1}/${count}: ${step.why})`,
      hint,
    }));
  });
}

/** `table goals: 120 rows would be lost` / `column goals.note: 14 non-NULL values would be lost`. */
export function describeLoss(loss: Loss): string {
  const what = (noun: string): string => (loss.count === null ? `an unknown number of ${noun}s` : plural(loss.count, noun));
  return loss.column === null
    ? `table ${loss.table}: ${what("row")} would be lost`
    : `column ${loss.table}.${loss.column}: ${what("non-NULL value")} would be lost`;
}

function countOrNull(conn: Connection, sql: string): number | null {
  try {
    return firstNumber(conn.query(sql));
  } catch {
    // Refusing is still right without the number; and an accepted loss needs no count to proceed.
    return null;
  }
}

/** Runs a step's data checks against the data as it is now. Throws the SQLite error of a bad check. */
export function findViolations(conn: Connection, step: Step): readonly Violation[] {
  const found: Violation[] = [];
  for (const check of step.checks) {
    const count = firstNumber(conn.query(check.countSql));
    if (count > 0) found.push({ check, count, samples: conn.query(check.sampleSql).slice(0, SAMPLE_LIMIT) });
  }
  return found;
}

/** One REFUSED_DATA diagnostic per violated rule, with the count, sample keys and the rule's hint. */
export function dataRefusals(violations: readonly Violation[], stepIndex: number, stepCount: number, step: Step): Diagnostic[] {
  return violations.map(({ check, count, samples }) => ({
    code: "REFUSED_DATA",
    message:
      `${check.rule}: ${plural(count, "row")} in ${check.table} ${count === 1 ? "violates" : "violate"} it` +
      (samples.length > 0 ? `, e.g. ${samples.map(formatRow).join("; ")}` : "") +
      ` (step ${stepIndex}/${stepCount}: ${step.why}). Nothing was written.`,
    hint: check.hint,
  }));
}

/** Reads whether foreign key enforcement is on (https://www.sqlite.org/pragma.html#pragma_foreign_keys). */
export function foreignKeysEnabled(conn: Connection): boolean {
  return firstNumber(conn.query("PRAGMA foreign_keys")) === 1;
}

/** SQLite's error for a foreign key whose parent columns are not a key (https://www.sqlite.org/foreignkeys.html#fk_indexes). */
const MISMATCH = /foreign key mismatch/;

/**
 * Every foreign-key violation SQLite can check in the database right now. A table whose foreign
 * key names parent columns that are no key cannot be checked at all ("foreign key mismatch":
 * SQLite accepts such a key and fails whenever it is used); the check of the whole file fails on
 * it, so each ordinary table is then checked on its own and those tables are left out, before
 * and after the plan alike.
 */
export function foreignKeyViolations(conn: Connection): readonly ForeignKeyViolation[] {
  let rows: Row[];
  try {
    rows = conn.query("PRAGMA foreign_key_check");
  } catch (e) {
    if (!MISMATCH.test(errorText(e))) throw e;
    rows = [];
    const tables = conn.query<{ name: string }>("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'");
    for (const { name } of tables) {
      try {
        rows.push(...conn.query("SELECT * FROM pragma_foreign_key_check(?)", [name]));
      } catch (e2) {
        if (!MISMATCH.test(errorText(e2))) throw e2;
      }
    }
  }
  return rows.map((row) => ({
    table: String(row.table),
    rowid: row.rowid === null || row.rowid === undefined ? null : Number(row.rowid),
    parent: String(row.parent),
    fkid: Number(row.fkid),
  }));
}

/**
 * Violations in `after` that `before` did not have. Rows are matched by table, parent and rowid
 * (not by fkid: a rebuild may renumber a table's foreign keys), counting duplicates.
 */
export function newForeignKeyViolations(
  before: readonly ForeignKeyViolation[],
  after: readonly ForeignKeyViolation[],
): readonly ForeignKeyViolation[] {
  const seen = new Map<string, number>();
  // SQLite compares names without regard to ASCII case; a case-only rename keeps the violation.
  const key = (v: ForeignKeyViolation): string => JSON.stringify([asciiLower(v.table), asciiLower(v.parent), v.rowid]);
  for (const v of before) seen.set(key(v), (seen.get(key(v)) ?? 0) + 1);
  return after.filter((v) => {
    const left = seen.get(key(v)) ?? 0;
    if (left === 0) return true;
    seen.set(key(v), left - 1);
    return false;
  });
}

/** One REFUSED_DATA diagnostic per child -> parent pair with new orphan rows. */
export function foreignKeyRefusals(violations: readonly ForeignKeyViolation[]): Diagnostic[] {
  const groups = new Map<string, ForeignKeyViolation[]>();
  for (const v of violations) {
    const k = JSON.stringify([v.table, v.parent]);
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...groups.values()].map((group) => {
    const { table, parent } = group[0];
    const keys = group.filter((v) => v.rowid !== null).slice(0, SAMPLE_LIMIT).map((v) => `rowid=${v.rowid}`);
    return {
      code: "REFUSED_DATA",
      message:
        `FOREIGN KEY ${table} -> ${parent}: ${plural(group.length, "row")} in ${table} ` +
        `${group.length === 1 ? "references" : "reference"} a missing ` +
        `${parent} row` +
        (keys.length > 0 ? `, e.g. ${keys.join("; ")}` : "") +
        ". Nothing was written.",
      hint: `delete or fix the orphan rows in ${table}, or add the missing ${parent} rows, then run apply again`,
    };
  });
}

/** `id=4, name='x'`: a sample row for a message. */
export function formatRow(row: Row): string {
  return Object.entries(row)
    .map(([name, value]) => `${name}=${formatValue(value)}`)
    .join(", ");
}

function formatValue(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (value instanceof Uint8Array)
    return `x'${Buffer.from(value.subarray(0, 16)).toString("hex")}${value.length > 16 ? "..." : ""}'`;
  return String(value);
}

/** The first column of the first row as a number (`SELECT count(*) AS n ...`). */
function firstNumber(rows: readonly Row[]): number {
  const first = rows[0];
  if (!first) return 0;
  const value = "n" in first ? first.n : Object.values(first)[0];
  return Number(value ?? 0);
}

/** `1 row`, `2 rows`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
