/**
 * A plan is data: `plan` prints it, `apply` runs it, `check` counts it.
 */

/**
 * - safe: cannot lose anything and cannot fail on existing data.
 * - destructive: drops a table or a column, or can otherwise lose stored values.
 * - data-dependent: succeeds only if existing rows satisfy a new rule (NOT NULL, UNIQUE, CHECK,
 *   FOREIGN KEY, STRICT typing); preflight counts the violating rows first.
 */
export type Safety = "safe" | "destructive" | "data-dependent";

/**
 * A query that finds the rows violating one new rule, run inside the apply transaction right
 * before the step, against the data as it is at that moment (after earlier steps and backfills).
 */
export interface DataCheck {
  /** Human name of the rule, e.g. `NOT NULL on goals.root_id`. */
  readonly rule: string;
  readonly table: string;
  /** `SELECT count(*) AS n FROM ...` */
  readonly countSql: string;
  /** Up to 5 identifying rows of offenders (`SELECT rowid, ... LIMIT 5`). */
  readonly sampleSql: string;
  /** What to do about violations. */
  readonly hint: string;
}

/** What a destructive step would lose, counted before anything runs. */
export interface LossEstimate {
  readonly table: string;
  /** Null when the whole table goes. */
  readonly column: string | null;
  /** `SELECT count(*) AS n ...`: rows (whole table) or non-NULL values (a column) lost. */
  readonly countSql: string;
}

export interface Step {
  /** Statements, each complete and without a trailing semicolon. Never PRAGMA foreign_keys. */
  readonly sql: readonly string[];
  /** One line: why this step exists. */
  readonly why: string;
  readonly safety: Safety;
  /** The table the step belongs to, or null (views, triggers, schema-wide). */
  readonly table: string | null;
  /** Part of a 12-step table rebuild. */
  readonly rebuild: boolean;
  readonly checks: readonly DataCheck[];
  readonly losses: readonly LossEstimate[];
}

export interface Plan {
  readonly steps: readonly Step[];
  /** Things worth saying that need no SQL (e.g. column order differs only). */
  readonly notes: readonly string[];
  /** The plan rebuilds tables or changes foreign keys: run with foreign_keys OFF around BEGIN. */
  readonly needsForeignKeysOff: boolean;
  /** Lowest SQLite version the statements need, e.g. "3.35.0". */
  readonly minSqliteVersion: string;
}
