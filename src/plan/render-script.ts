/**
 * `plan --format sql`: the plan as a script that runs as-is in the sqlite3 shell
 * (`sqlite3 app.db < plan.sql`) and does what `apply` does. Pure.
 *
 * - `.bail on` first: without it the shell carries on after a failed statement, so a failed
 *   copy would be followed by the DROP of the old table. With it, the shell stops and the open
 *   transaction is rolled back when the connection closes.
 * - `PRAGMA foreign_keys=OFF` before BEGIN: inside a transaction it is a no-op
 *   (https://www.sqlite.org/pragma.html#pragma_foreign_keys).
 * - Before COMMIT, `PRAGMA foreign_key_check` lists violations, and a guard statement fails
 *   (stopping the script, so nothing commits) when there is one the file did not have at BEGIN.
 * - After COMMIT, `PRAGMA foreign_keys=ON`. The setting belongs to the connection, and a script
 *   cannot know what the caller had; it leaves the shell's connection with enforcement on, the
 *   safe state for anything typed after it. `apply` restores the exact previous value.
 */
import type { Plan, Step } from "./step.js";
import { compareVersions } from "./versions.js";

/** Identifies the two schemas in the header. */
export interface ScriptHeader {
  /** Hash of the schema the script starts from. */
  readonly from: string;
  /** Hash of the schema it produces. */
  readonly to: string;
}

/**
 * Foreign key violations the file already had, counted per row (table, parent, rowid: NULL in a
 * WITHOUT ROWID table), as apply counts them: SQLite does not enforce foreign keys unless asked,
 * so many files hold old orphans, and only new ones may stop the script.
 */
const FK_BEFORE = 'CREATE TEMP TABLE schemadiff_fk_before AS SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3';

const FK_GUARD = [
  "CREATE TEMP TABLE schemadiff_fk_guard (violations INTEGER CONSTRAINT foreign_keys_must_hold CHECK (violations = 0))",
  "INSERT INTO schemadiff_fk_guard SELECT count(*) FROM " +
    '(SELECT "table" AS t, parent AS p, rowid AS r, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3) AS now ' +
    "WHERE now.n > coalesce((SELECT b.n FROM schemadiff_fk_before AS b WHERE b.t = now.t COLLATE NOCASE AND b.p = now.p COLLATE NOCASE AND b.r IS now.r), 0)",
  "DROP TABLE schemadiff_fk_guard",
  "DROP TABLE schemadiff_fk_before",
];

/** The guard reads `pragma_foreign_key_check` as a table-valued function (SQLite 3.16.0). */
const GUARD_VERSION = "3.16.0";

function scriptVersion(plan: Plan): string {
  return plan.needsForeignKeysOff && compareVersions(plan.minSqliteVersion, GUARD_VERSION) < 0 ? GUARD_VERSION : plan.minSqliteVersion;
}

/** The runnable SQL script for `plan`. */
export function renderScript(plan: Plan, header: ScriptHeader): string {
  const lines = [
    "-- schemadiff migration script",
    `-- from schema: ${header.from}`,
    `-- to schema:   ${header.to}`,
    `-- requires SQLite >= ${scriptVersion(plan)}`,
    "-- run with: sqlite3 DATABASE < this-file.sql",
  ];
  for (const note of plan.notes) lines.push(`-- note: ${oneLine(note)}`);
  if (plan.steps.length === 0) {
    lines.push("-- the database already matches the schema: nothing to do");
    return `${lines.join("\n")}\n`;
  }
  const destructive = plan.steps.filter((s) => s.safety === "destructive").length;
  if (destructive > 0) lines.push(`-- WARNING: ${destructive} destructive step${destructive > 1 ? "s" : ""} (marked below) drop data`);
  lines.push("", ".bail on");
  if (plan.needsForeignKeysOff) lines.push("PRAGMA foreign_keys=OFF;");
  lines.push("BEGIN;");
  if (plan.needsForeignKeysOff) lines.push("-- foreign key violations the file already has (only new ones stop the script)", `${FK_BEFORE};`);
  plan.steps.forEach((step, i) => lines.push("", ...renderStep(step, i + 1)));
  lines.push("");
  if (plan.needsForeignKeysOff) {
    lines.push("-- foreign keys must still hold: list violations, then stop before COMMIT if there are new ones");
    lines.push("PRAGMA foreign_key_check;");
    lines.push(...FK_GUARD.map((s) => `${s};`));
  }
  lines.push("COMMIT;");
  if (plan.needsForeignKeysOff) lines.push("PRAGMA foreign_keys=ON;");
  return `${lines.join("\n")}\n`;
}

function renderStep(step: Step, n: number): string[] {
  const tag = step.safety === "safe" ? "" : ` [${step.safety}]`;
  const out = [`-- ${n}.${tag} ${oneLine(step.why)}`];
  for (const check of step.checks) out.push(`--    needs: ${oneLine(check.rule)}`);
  for (const loss of step.losses) {
    out.push(`--    loses: ${loss.column === null ? `every row of ${oneLine(loss.table)}` : `values of ${oneLine(loss.table)}.${oneLine(loss.column)}`}`);
  }
  for (const sql of step.sql) out.push(`${sql};`);
  return out;
}

/** Comments are one line: a newline in a why would end the comment and run the rest as SQL. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
