/**
 * What a rebuild can trip over (data checks) and what it throws away (loss estimates). Rules
 * are "new" when the current table (after renames) did not already enforce them on the same
 * values; each query reads the old table as it is right before the rebuild.
 */
import type { CheckConstraint, Column, ForeignKey, Table } from "../model.js";
import { multisetMinus } from "../diff/equal.js";
import { asciiLower, sameName } from "../sqlite/names.js";
import { quoteIdent, quoteIdentIfNeeded } from "../sqlite/quote.js";
import { columnLoss, duplicatesCheck, everyRowCheck, exprOverSources, rowCheck } from "./checks.js";
import { mentions } from "./names.js";
import type { RebuildInput } from "./rebuild.js";
import {
  affinityCanRewrite,
  affinityRewrite,
  applyAffinity,
  hasNonNullDefault,
  keepsValues,
  rowidAliasColumn,
  rowidName,
  rowKeySql,
  storedAffinity,
  strictViolation,
} from "./sql-facts.js";
import type { DataCheck, LossEstimate } from "./step.js";

const CHILD = quoteIdent("schemadiff_child");
const PARENT = quoteIdent("schemadiff_parent");

/** SQL yielding each desired column's value in the copy, over the old table (optionally qualified). */
function valueSources(input: RebuildInput, qualifier: string | null = null): Map<string, string> {
  const out = new Map<string, string>();
  const qualified = (sql: string): string => (qualifier === null ? sql : `${qualifier}.${sql}`);
  // A new INTEGER PRIMARY KEY with no source takes the copied rowid (see copyStatement).
  const alias = rowidAliasColumn(input.desired);
  const fromRowid = rowidName(input.old);
  const rowidInto = alias !== null && !input.sourceOf.has(alias) && fromRowid !== null && rowidName(input.desired) !== null ? alias : null;
  const base = (c: Column): string => {
    const source = input.sourceOf.get(c.name);
    const from = input.old.columns.find((o) => o.name === source);
    if (source !== undefined && c.generated === null) return asStored(input, c, qualified(quoteIdent(source)), from);
    if (c.name === rowidInto) return qualified(fromRowid as string);
    // SQLite numbers an INTEGER PRIMARY KEY given no value itself, whatever its DEFAULT says.
    return c.default === null || c.name === alias ? "NULL" : asStored(input, c, `(${c.default})`, undefined);
  };
  for (const c of input.desired.columns) if (c.generated === null) out.set(c.name, base(c));
  for (const c of input.desired.columns) {
    if (c.generated !== null) out.set(c.name, asStored(input, c, `(${exprOverSources(c.generated.expr, out)})`, undefined));
  }
  return out;
}

/**
 * `value` as the desired column will hold it, so that CHECKs, keys and foreign keys are judged
 * on what the copy stores: the column's affinity applied (a TEXT '12' copied into an INTEGER
 * column is 12) unless the old column had the same one, and its collation attached where it
 * differs from the one `value` already carries (https://www.sqlite.org/datatype3.html).
 */
function asStored(input: RebuildInput, column: Column, value: string, from: Column | undefined): string {
  const to = storedAffinity(input.desired, column);
  const same = from !== undefined && from.generated === null && storedAffinity(input.old, from) === to;
  const converted = same ? value : applyAffinity(value, to);
  const carried = from === undefined ? null : from.collate;
  if ((column.collate ?? "BINARY").toUpperCase() === (carried ?? "BINARY").toUpperCase()) return converted;
  return `(${converted} COLLATE ${quoteIdentIfNeeded(column.collate ?? "BINARY")})`;
}

function effectiveNotNull(table: Table, column: Column): boolean {
  return column.notNull || (table.withoutRowid && (table.primaryKey?.columns.includes(column.name) ?? false));
}

/** True when the column keeps its values' type and collation (so existing uniqueness still holds). */
function sameValues(input: RebuildInput, name: string): boolean {
  const before = input.before.columns.find((c) => c.name === name);
  const after = input.desired.columns.find((c) => c.name === name);
  return before !== undefined && after !== undefined && keepsValues(before, after) && input.sourceOf.has(name);
}

/** Column sets the table already keeps unique, by the current table's constraints and plain unique indexes. */
function existingUniqueSets(t: Table): string[][] {
  const sets = [...t.uniques.map((u) => [...u.columns])];
  if (t.primaryKey !== null) sets.push([...t.primaryKey.columns]);
  for (const i of t.indexes) {
    if (i.unique && i.where === null && i.keys.every((k) => k.column !== null)) sets.push(i.keys.map((k) => k.column as string));
  }
  return sets;
}

/** The data checks of a rebuild. */
export function rebuildChecks(input: RebuildInput): DataCheck[] {
  const { old, desired, before } = input;
  const t = desired.name;
  const checks: DataCheck[] = [];
  const sources = valueSources(input);

  for (const column of desired.columns) {
    if (!effectiveNotNull(desired, column) || column.name === rowidAliasColumn(desired)) continue;
    const rule = `NOT NULL on ${t}.${column.name}`;
    const source = input.sourceOf.get(column.name);
    const oldColumn = old.columns.find((c) => c.name === source);
    if (column.generated !== null) {
      const was = before.columns.find((c) => c.name === column.name);
      if (was === undefined || !was.notNull || was.generated?.expr !== column.generated.expr) {
        checks.push(rowCheck(rule, old, `${sources.get(column.name)} IS NULL`, "fix the rows the generated expression yields NULL for"));
      }
    } else if (oldColumn === undefined) {
      if (!hasNonNullDefault(column)) {
        checks.push(everyRowCheck(rule, old, `every existing row needs a value: give ${column.name} a default or a backfill`));
      }
    } else if (!effectiveNotNull(old, oldColumn)) {
      checks.push(rowCheck(rule, old, `${quoteIdent(oldColumn.name)} IS NULL`, `set ${column.name} in these rows, or declare a backfill`));
    }
  }

  const existing = existingUniqueSets(before).map((s) => [...s].sort().join("\u0000"));
  const uniqueSets: { label: string; columns: readonly string[] }[] = desired.uniques.map((u) => ({
    label: `UNIQUE (${u.columns.join(", ")}) on ${t}`,
    columns: u.columns,
  }));
  const pk = desired.primaryKey;
  if (pk !== null && !(pk.columns.length === 1 && pk.columns[0] === rowidAliasColumn(desired) && !input.sourceOf.has(pk.columns[0]))) {
    uniqueSets.push({ label: `PRIMARY KEY (${pk.columns.join(", ")}) on ${t}`, columns: pk.columns });
  }
  for (const u of uniqueSets) {
    const kept = existing.includes([...u.columns].sort().join("\u0000")) && u.columns.every((c) => sameValues(input, c));
    if (kept) continue;
    const terms = u.columns.map((c) => {
      const collate = desired.columns.find((x) => x.name === c)?.collate ?? "BINARY";
      return `${sources.get(c) ?? "NULL"} COLLATE ${quoteIdentIfNeeded(collate)}`;
    });
    if (terms.some((term) => term.startsWith("NULL "))) continue;
    checks.push(duplicatesCheck(u.label, old, terms, null, "remove or merge the duplicate rows first"));
  }

  // A CHECK is judged again when it is new, or when a column it reads gets other values (a new
  // type's affinity, a generated expression): the old rows met it on their old values only.
  const changed = desired.columns.filter((c) => !sameValues(input, c.name)).map((c) => c.name);
  const readsChanged = (check: CheckConstraint): boolean => changed.some((name) => mentions(check.expr, name));
  const judged = (checks: readonly CheckConstraint[], was: readonly CheckConstraint[]): CheckConstraint[] => [...new Set([...multisetMinus(checks, was), ...checks.filter(readsChanged)])];
  const newChecks = [
    ...judged(desired.checks, before.checks),
    ...desired.columns.flatMap((c) => judged(c.checks, before.columns.find((b) => b.name === c.name)?.checks ?? [])),
  ];
  for (const check of newChecks) {
    const label = check.name === null ? `CHECK (${check.expr})` : `CHECK ${check.name}`;
    checks.push(rowCheck(`${label} on ${t}`, old, `NOT (${exprOverSources(check.expr, sources)})`, "fix these rows so the CHECK holds"));
  }

  // Orphans are judged by what the key references, not by its name, actions or deferral: rows
  // that were orphans under the same reference before are not new (foreign_key_check before
  // COMMIT compares with the violations the file already had).
  const reference = (fk: ForeignKey): string => JSON.stringify([fk.columns, asciiLower(fk.refTable), fk.refColumns]);
  const referenced = before.foreignKeys.map(reference);
  for (const fk of desired.foreignKeys.filter((f) => !referenced.includes(reference(f)))) {
    const check = orphansCheck(input, fk);
    if (check !== null) checks.push(check);
  }

  // An INTEGER PRIMARY KEY is the rowid: it takes integers only ("datatype mismatch" otherwise).
  const alias = rowidAliasColumn(desired);
  const aliasSource = alias === null ? undefined : input.sourceOf.get(alias);
  if (alias !== null && aliasSource !== undefined && rowidAliasColumn(old) !== aliasSource) {
    checks.push(
      rowCheck(`INTEGER PRIMARY KEY on ${t}.${alias}`, old, strictViolation(quoteIdent(aliasSource), "INTEGER") as string, "only integers can become rowids: convert or remove these values"),
    );
  }

  if (desired.strict) {
    const violations = desired.columns.flatMap((c) => {
      const source = input.sourceOf.get(c.name);
      // What the copy stores: the old value, a new column's default, a generated value (SQLite
      // type-checks VIRTUAL ones too when a row of a STRICT table is written).
      let value: string | undefined;
      if (c.generated !== null) value = sources.get(c.name);
      else if (source !== undefined) {
        const was = before.columns.find((b) => b.name === c.name);
        value = old.strict && was !== undefined && was.type === c.type ? undefined : quoteIdent(source);
      } else value = c.default === null ? undefined : `(${c.default})`;
      const v = value === undefined ? null : strictViolation(value, c.type);
      return v === null ? [] : [v];
    });
    if (violations.length > 0) {
      checks.push(rowCheck(`STRICT typing of ${t}`, old, violations.join(" OR "), "convert these values to the declared types first"));
    }
  }
  return checks;
}

/** Child rows whose key is set but matches no parent row (https://www.sqlite.org/foreignkeys.html). */
function orphansCheck(input: RebuildInput, fk: ForeignKey): DataCheck | null {
  const parent = input.schema.tables.find((p) => sameName(p.name, fk.refTable));
  // A parent that is not declared (a warning on load) may be missing, or ignored and present:
  // no query can name it safely, so the foreign_key_check before COMMIT judges these rows.
  if (parent === undefined) return null;
  const parentColumns = fk.refColumns.length > 0 ? fk.refColumns : (parent.primaryKey?.columns ?? []);
  if (parentColumns.length !== fk.columns.length) return null;
  // Another table whose key this plan changes (a new, renamed or retyped column, perhaps in a
  // rebuild that runs later) cannot be read yet: the foreign_key_check before COMMIT judges it.
  const self = fk.refTable === input.desired.name;
  const unsettled = input.changedColumns?.get(fk.refTable);
  if (!self && unsettled !== undefined && parentColumns.some((c) => unsettled.has(c))) return null;
  const child = valueSources(input, CHILD);
  const childValues = fk.columns.map((c) => child.get(c) ?? "NULL");
  if (childValues.includes("NULL")) return null;
  const set = childValues.map((v) => `${v} IS NOT NULL`).join(" AND ");
  // A table referencing itself is its own parent: its parent rows are the old rows as the copy
  // will write them (renamed or computed columns included), read under the old table's name.
  const parentValues = self ? valueSources(input, PARENT) : null;
  const parentValue = (p: string): string => (parentValues === null ? `${PARENT}.${quoteIdent(p)}` : (parentValues.get(p) ?? "NULL"));
  const match = parentColumns.map((p, i) => `${parentValue(p)} = ${childValues[i]}`).join(" AND ");
  const where = `${set} AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(self ? input.old.name : fk.refTable)} AS ${PARENT} WHERE ${match})`;
  const from = `${quoteIdent(input.old.name)} AS ${CHILD}`;
  const key = rowKeySql(input.old);
  return {
    rule: `FOREIGN KEY (${fk.columns.join(", ")}) -> ${fk.refTable} on ${input.desired.name}`,
    table: input.desired.name,
    countSql: `SELECT count(*) AS n FROM ${from} WHERE ${where}`,
    sampleSql: `SELECT ${key === "*" ? "*" : key.split(", ").map((k) => `${CHILD}.${k}`).join(", ")} FROM ${from} WHERE ${where} LIMIT 5`,
    hint: `add the missing ${fk.refTable} rows or clear these references first`,
  };
}

/** What the rebuild throws away: dropped columns, values replaced by a generated expression, text a new affinity rewrites. */
export function rebuildLosses(input: RebuildInput): LossEstimate[] {
  const { old, desired, before } = input;
  const t = desired.name;
  const used = new Set([...input.desired.columns].filter((c) => c.generated === null).flatMap((c) => input.sourceOf.get(c.name) ?? []));
  const losses: LossEstimate[] = [];
  for (const column of old.columns) {
    if (column.generated !== null || used.has(column.name)) continue;
    const target = desired.columns.find((c) => input.sourceOf.get(c.name) === column.name);
    losses.push(columnLoss(t, target?.name ?? column.name, `${quoteIdent(column.name)} IS NOT NULL`));
  }
  for (const column of desired.columns) {
    const source = input.sourceOf.get(column.name);
    const oldColumn = old.columns.find((c) => c.name === source);
    if (column.generated !== null || oldColumn === undefined) continue;
    const was = before.columns.find((c) => c.name === column.name);
    const retyped = was === undefined || was.type !== column.type || old.strict !== desired.strict;
    const to = storedAffinity(desired, column);
    if (retyped && affinityCanRewrite(storedAffinity(old, oldColumn), to)) {
      losses.push(columnLoss(t, column.name, affinityRewrite(quoteIdent(oldColumn.name), to)));
    }
  }
  return losses;
}
