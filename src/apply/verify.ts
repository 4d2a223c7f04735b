/**
 * Post-conditions checked inside the apply transaction before COMMIT: the file is intact and the
 * schema is exactly the declared one. Whatever differs is named, so a failure is actionable.
 */
import type { Connection } from "../db/driver.js";
import { diffSchemas } from "../diff/diff-schema.js";
import { NO_HINTS, type Schema } from "../model.js";
import { planChanges } from "../plan/plan.js";
import { quoteIdent } from "../sqlite/quote.js";
import { tokenize } from "../sqlite/tokenize.js";

/**
 * `PRAGMA integrity_check` messages; empty when it says `ok`. A plan whose statements only edit
 * the schema (ADD/RENAME COLUMN, RENAME TO, views, triggers) moves no row and no page of any table,
 * so checking `sqlite_schema` alone suffices and costs nothing on a 1 GB file; anything else gets
 * the full check. https://www.sqlite.org/pragma.html#pragma_integrity_check
 */
export function integrityProblems(conn: Connection, statements: readonly string[] = []): readonly string[] {
  const scope = statements.length > 0 && statements.every(editsSchemaOnly) ? "PRAGMA integrity_check('sqlite_schema')" : "PRAGMA integrity_check";
  const messages = conn.query(scope).map((row) => String(Object.values(row)[0]));
  return messages.length === 1 && messages[0] === "ok" ? [] : messages;
}

/** True for statements that rewrite only `sqlite_schema` text (never table or index pages). */
export function editsSchemaOnly(statement: string): boolean {
  const words = tokenize(statement)
    .slice(0, 6)
    .map((t) => (t.kind === "keyword" ? t.text.toUpperCase() : t.kind));
  const [first, second] = words;
  if ((first === "CREATE" || first === "DROP") && (second === "VIEW" || second === "TRIGGER")) return true;
  if (first === "CREATE" && (second === "TEMP" || second === "TEMPORARY")) return false;
  // ALTER TABLE <name> ADD [COLUMN] / RENAME ...: the name may be schema-qualified, so look ahead.
  return first === "ALTER" && second === "TABLE" && (words.includes("ADD") || words.includes("RENAME")) && !words.includes("DROP");
}

/** `schema` without the objects whose names `ignore` matches (and without indexes so named). */
export function withoutIgnored(schema: Schema, ignore: (name: string) => boolean): Schema {
  const keep = <T extends { readonly name: string }>(items: readonly T[]): T[] => items.filter((x) => !ignore(x.name));
  return {
    tables: keep(schema.tables).map((t) => ({ ...t, indexes: keep(t.indexes) })),
    views: keep(schema.views),
    triggers: keep(schema.triggers),
    virtualTables: keep(schema.virtualTables),
  };
}

/**
 * What still separates the schema a plan produced from the declared one, by the same rule as
 * `check` (the plan between them has no step), one line per remaining step; empty when none.
 * Differences that are not drift (column order, for one) are not reported.
 */
export function remainingDrift(actual: Schema, expected: Schema): readonly string[] {
  const changes = diffSchemas(actual, expected, NO_HINTS);
  if (!changes.ok) return changes.diagnostics.map((d) => d.message);
  return planChanges(changes.value, actual, expected, NO_HINTS).steps.map((step) => step.why);
}

/** Rows per table (`count(*)`), for the tables named. */
export function rowCounts(conn: Connection, tables: readonly string[]): ReadonlyMap<string, number> {
  return new Map(
    tables.map((name) => [name, Number(conn.query(`SELECT count(*) AS n FROM ${quoteIdent(name)}`)[0]?.n ?? 0)]),
  );
}

/**
 * Tables that hold fewer rows after the plan than before: the last guard of "never lose a row".
 * `renames` maps new names to old ones; tables that no longer exist, or whose loss the caller
 * accepted (`dropped`), are left to the destructive-change rules.
 */
export function lostRows(
  before: ReadonlyMap<string, number>,
  conn: Connection,
  renames: ReadonlyMap<string, string>,
  dropped: ReadonlySet<string>,
): readonly string[] {
  const newName = new Map([...renames].map(([to, from]) => [from, to]));
  const present = new Set(
    conn.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name),
  );
  const out: string[] = [];
  for (const [table, count] of before) {
    const now = newName.get(table) ?? table;
    if (dropped.has(table) || !present.has(now)) continue;
    const after = rowCounts(conn, [now]).get(now) ?? 0;
    if (after < count) out.push(`table ${now}: ${count} rows before, ${after} after`);
  }
  return out;
}
