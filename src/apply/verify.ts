/**
 * Post-conditions checked inside the apply transaction before COMMIT: the file is intact and the
 * schema is exactly the declared one. Whatever differs is named, so a failure is actionable.
 */
import { assertNever } from "../assert-never.js";
import type { Connection } from "../db/driver.js";
import { diffSchemas } from "../diff/diff-schema.js";
import { errorText } from "../errors.js";
import { NO_HINTS, type Schema } from "../model.js";
import { planChanges } from "../plan/plan.js";
import { asciiLower } from "../sqlite/names.js";
import { quoteIdent } from "../sqlite/quote.js";
import { integrityScope } from "./integrity-scope.js";

/**
 * Integrity problems after the plan's `statements`; empty when every check says `ok`. The check
 * is scaled to what the statements wrote (integrity-scope.ts): `sqlite_schema` alone for schema
 * edits; a quick check of the whole file plus the full check of every table changed in place;
 * the full check of the whole file for anything it cannot read.
 */
export function integrityProblems(conn: Connection, statements: readonly string[] = []): readonly string[] {
  const scope = integrityScope(statements);
  switch (scope.kind) {
    case "schema":
      return problemsOf(conn, "SELECT * FROM pragma_integrity_check('sqlite_schema')");
    case "full":
      return problemsOf(conn, "SELECT * FROM pragma_integrity_check");
    case "changed": {
      const present = new Set(tableNames(conn).map(asciiLower));
      // A table written in place and renamed or dropped later: its pages are somewhere, check all.
      if (scope.tables.some((t) => !present.has(asciiLower(t)))) return problemsOf(conn, "SELECT * FROM pragma_integrity_check");
      const whole = problemsOf(conn, "SELECT * FROM pragma_quick_check");
      return [...whole, ...scope.tables.flatMap((t) => problemsOf(conn, "SELECT * FROM pragma_integrity_check(?)", [t]))];
    }
    default:
      return assertNever(scope);
  }
}

/** A check's messages; a file too damaged for the check to finish is a problem too. */
function problemsOf(conn: Connection, sql: string, params: readonly string[] = []): readonly string[] {
  try {
    const messages = conn.query(sql, params).map((row) => String(Object.values(row)[0]));
    return messages.length === 1 && messages[0] === "ok" ? [] : messages;
  } catch (error) {
    return [errorText(error)];
  }
}

function tableNames(conn: Connection): string[] {
  return conn.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name);
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
 * A table's name after the plan: `renames` maps new names to old ones (`renamed_from`); SQLite
 * compares names without regard to ASCII case.
 */
export function currentName(renames: ReadonlyMap<string, string>): (name: string) => string {
  const newName = new Map([...renames].map(([to, from]) => [asciiLower(from), to]));
  return (name) => newName.get(asciiLower(name)) ?? name;
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
  const nameNow = currentName(renames);
  const present = new Set(tableNames(conn));
  const out: string[] = [];
  for (const [table, count] of before) {
    const now = nameNow(table);
    if (dropped.has(table) || !present.has(now)) continue;
    const after = rowCounts(conn, [now]).get(now) ?? 0;
    if (after < count) out.push(`table ${now}: ${count} rows before, ${after} after`);
  }
  return out;
}
