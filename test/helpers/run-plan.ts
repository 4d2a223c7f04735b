/**
 * A tiny plan executor for tests (the real one is src/apply/): foreign keys off around the
 * transaction when the plan asks, every data check counted right before its step (a non-zero
 * count refuses, as preflight does), the steps, then `foreign_key_check` must be empty before
 * COMMIT. Any failure rolls back and is returned as data.
 */
import type { Connection } from "../../src/db/driver.js";
import type { Plan } from "../../src/plan/step.js";

/** A check that found offending rows. */
export interface Violation {
  readonly rule: string;
  readonly count: number;
  readonly sample: readonly Record<string, unknown>[];
}

/** Success, or where and why the run stopped (rolled back). */
export type RunResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly violations: readonly Violation[]; readonly error: string | null; readonly step: number };

/** Runs `plan` on `conn` in one transaction. */
export function runPlan(conn: Connection, plan: Plan): RunResult {
  const fkBefore = Number(conn.query("PRAGMA foreign_keys")[0]?.foreign_keys ?? 0);
  if (plan.needsForeignKeysOff) conn.exec("PRAGMA foreign_keys=OFF");
  conn.exec("BEGIN");
  let at = -1;
  try {
    for (const [i, step] of plan.steps.entries()) {
      at = i;
      const violations: Violation[] = [];
      for (const check of step.checks) {
        const count = Number(conn.query(check.countSql)[0]?.n ?? 0);
        if (count > 0) violations.push({ rule: check.rule, count, sample: conn.query(check.sampleSql) });
      }
      if (violations.length > 0) {
        conn.exec("ROLLBACK");
        return { ok: false, violations, error: null, step: i };
      }
      for (const sql of step.sql) conn.exec(sql);
    }
    const fk = conn.query("PRAGMA foreign_key_check");
    if (fk.length > 0) {
      conn.exec("ROLLBACK");
      return { ok: false, violations: [], error: `foreign_key_check: ${JSON.stringify(fk)}`, step: at };
    }
    conn.exec("COMMIT");
    return { ok: true };
  } catch (e) {
    conn.exec("ROLLBACK");
    return { ok: false, violations: [], error: e instanceof Error ? e.message : String(e), step: at };
  } finally {
    conn.exec(`PRAGMA foreign_keys=${fkBefore ? "ON" : "OFF"}`);
  }
}
