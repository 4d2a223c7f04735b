/**
 * The one table rebuild routine (https://www.sqlite.org/lang_altertable.html#otheralter, the
 * "12 steps"). This step is the middle of it: create the new table under a temporary name, copy
 * every row, drop the old table, rename the new one. The surrounding steps belong to the plan:
 * `PRAGMA foreign_keys=OFF` before BEGIN, dependent views and triggers dropped first, indexes,
 * triggers and views recreated after, `PRAGMA foreign_key_check` before COMMIT.
 */
import type { Schema, Table } from "../model.js";
import { quoteIdent, quoteString } from "../sqlite/quote.js";
import { renderCreateTable } from "../sqlite/render.js";
import { rebuildChecks, rebuildLosses } from "./rebuild-checks.js";
import { rowidAliasColumn, rowidName } from "./sql-facts.js";
import type { Step } from "./step.js";

/** Everything one rebuild needs to know. */
export interface RebuildInput {
  /** The current table under its new names (renames replayed), as the differ compared it. */
  readonly before: Table;
  /** The table as the database holds it right before the rebuild (same name as `desired`). */
  readonly old: Table;
  readonly desired: Table;
  /** Desired column -> the column of `old` holding its values; absent for a new column. */
  readonly sourceOf: ReadonlyMap<string, string>;
  /** The desired schema (parents of new foreign keys). */
  readonly schema: Schema;
  /** Per table of the plan, the columns whose values or names it changes (absent: none). */
  readonly changedColumns?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Why the table cannot be changed in place, one phrase each. */
  readonly reasons: readonly string[];
  /** The temporary name, unused by any other object. */
  readonly tempName: string;
}

/** Suffix of the temporary table a rebuild creates. */
export const REBUILD_SUFFIX = "__schemadiff_new";

/** The rebuild step: CREATE new, copy, DROP old, RENAME new, with its data checks and losses. */
export function rebuildStep(input: RebuildInput): Step {
  const { old, desired, tempName } = input;
  const name = desired.name;
  const sql = [renderCreateTable(desired, tempName)];
  if (old.primaryKey?.autoincrement && desired.primaryKey?.autoincrement) {
    // Dropping the old table deletes its sqlite_sequence row, and the copy only raises the new
    // counter to the largest rowid copied; seeding it first keeps ids of deleted rows unused
    // (https://www.sqlite.org/autoinc.html).
    sql.push(
      `INSERT INTO sqlite_sequence (name, seq) SELECT ${quoteString(tempName)}, seq FROM sqlite_sequence WHERE name = ${quoteString(name)}`,
    );
  }
  const copy = copyStatement(input);
  if (copy !== null) sql.push(copy);
  sql.push(`DROP TABLE ${quoteIdent(name)}`, `ALTER TABLE ${quoteIdent(tempName)} RENAME TO ${quoteIdent(name)}`);
  const checks = rebuildChecks(input);
  const losses = rebuildLosses(input);
  return {
    sql,
    why: `rebuild ${name}: ${input.reasons.join("; ")}`,
    safety: losses.length > 0 ? "destructive" : checks.length > 0 ? "data-dependent" : "safe",
    table: name,
    rebuild: true,
    checks,
    losses,
  };
}

/**
 * `INSERT OR ABORT INTO new (...) SELECT ... FROM old`: an explicit column list; values as
 * stored (no CAST); generated columns never copied; the rowid copied explicitly so it survives
 * unless a copied INTEGER PRIMARY KEY column carries it. OR ABORT overrides any ON CONFLICT
 * REPLACE/IGNORE in the new table, which would otherwise drop colliding rows silently
 * (https://www.sqlite.org/lang_conflict.html).
 */
function copyStatement(input: RebuildInput): string | null {
  const { old, desired, sourceOf, tempName } = input;
  const targets: string[] = [];
  const sources: string[] = [];
  for (const column of desired.columns) {
    const source = sourceOf.get(column.name);
    if (column.generated !== null || source === undefined) continue;
    targets.push(quoteIdent(column.name));
    sources.push(quoteIdent(source));
  }
  const alias = rowidAliasColumn(desired);
  const fromRowid = rowidName(old);
  const toRowid = rowidName(desired);
  const aliasCopied = alias !== null && sourceOf.has(alias);
  if (fromRowid !== null && toRowid !== null && !aliasCopied) {
    targets.unshift(toRowid);
    sources.unshift(fromRowid);
  }
  if (targets.length === 0) {
    // No value survives (and no rowid to carry), but every row does: each takes the defaults,
    // except an INTEGER PRIMARY KEY, which SQLite numbers itself whatever its DEFAULT says.
    for (const column of desired.columns) {
      if (column.generated !== null) continue;
      targets.push(quoteIdent(column.name));
      sources.push(column.default === null || column.name === alias ? "NULL" : `(${column.default})`);
    }
  }
  if (targets.length === 0) return null;
  return `INSERT OR ABORT INTO ${quoteIdent(tempName)} (${targets.join(", ")}) SELECT ${sources.join(", ")} FROM ${quoteIdent(old.name)}`;
}
