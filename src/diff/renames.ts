/**
 * Renames come only from explicit `renamed_from` hints, plus differences in letter case alone
 * (SQLite names are case-insensitive, so `Goals` and `goals` are one table: dropping one and
 * creating the other would lose its rows). Renames are never guessed from similar shapes.
 *
 * `applyRenames` then replays on the current model what `ALTER TABLE ... RENAME` does to the
 * database (https://www.sqlite.org/lang_altertable.html#altertabrename), so the differ compares
 * objects under their new names. View and trigger text is not replayed: a view or trigger whose
 * text mentions an old name differs from its declaration and is dropped and recreated.
 */
import type { Diagnostic, Result } from "../errors.js";
import { fail, ok } from "../errors.js";
import type { ForeignKey, Hints, Index, Schema, Table, Trigger } from "../model.js";
import { asciiLower, sameName } from "../sqlite/names.js";
import { quoteIdentIfNeeded } from "../sqlite/quote.js";
import { tokenize } from "../sqlite/tokenize.js";
import { byName } from "./equal.js";

/** One rename, old name to new name. */
export interface NamePair {
  readonly from: string;
  readonly to: string;
}

/** Every rename the plan performs, each list in execution order. */
export interface Renames {
  readonly tables: readonly NamePair[];
  /** Desired (new) table name -> its column renames. */
  readonly columns: ReadonlyMap<string, readonly NamePair[]>;
}

/** Resolves the hints against both schemas: renames to perform, stale hints as warnings, conflicts as errors. */
export function resolveRenames(current: Schema, desired: Schema, hints: Hints): Result<Renames> {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const tables = resolveNamespace(
    current.tables.map((t) => t.name),
    desired.tables.map((t) => t.name),
    hints.tableRenames,
    (n) => `table ${n}`,
    errors,
    warnings,
  );
  const oldTableOf = new Map(tables.map((r) => [r.to, r.from]));
  const currentByName = new Map(current.tables.map((t) => [t.name, t]));
  const columns = new Map<string, readonly NamePair[]>();
  for (const table of desired.tables) {
    const hinted = hints.columnRenames.get(table.name) ?? new Map<string, string>();
    const renamedAway = tables.some((r) => r.from === table.name);
    const oldName = oldTableOf.get(table.name) ?? (renamedAway ? undefined : table.name);
    const before = oldName === undefined ? undefined : currentByName.get(oldName);
    if (before === undefined) {
      for (const [to, from] of [...hinted].sort(([a], [b]) => byName(a, b))) {
        warnings.push(stale(`column ${table.name}.${to}`, from, `table ${table.name} is created by this plan`));
      }
      continue;
    }
    const pairs = resolveNamespace(
      before.columns.map((c) => c.name),
      table.columns.map((c) => c.name),
      hinted,
      (n) => `column ${table.name}.${n}`,
      errors,
      warnings,
    );
    if (pairs.length > 0) columns.set(table.name, pairs);
  }
  return errors.length > 0 ? fail(...errors) : ok({ tables, columns }, warnings);
}

function stale(what: string, from: string, why: string): Diagnostic {
  return {
    code: "WARN_STALE_RENAME",
    message: `${what}: renamed_from ${from} is ignored (${why})`,
    hint: "remove the renamed_from hint once every database has been migrated",
  };
}

function conflict(message: string): Diagnostic {
  return {
    code: "SCHEMA_RENAME_CONFLICT",
    message,
    hint: "each renamed_from must name an existing object that is not declared or renamed elsewhere",
  };
}

/**
 * Renames within one namespace (tables of a schema, or columns of a table), in execution order:
 * a rename into a name that another rename frees runs after it (chains); cycles are conflicts.
 */
function resolveNamespace(
  existingNames: readonly string[],
  wantedNames: readonly string[],
  hints: ReadonlyMap<string, string>,
  label: (name: string) => string,
  errors: Diagnostic[],
  warnings: Diagnostic[],
): NamePair[] {
  const existing = new Set(existingNames);
  const wanted = new Set(wantedNames);
  const pairs: NamePair[] = [];
  for (const [to, from] of [...hints].sort(([a], [b]) => byName(a, b))) {
    if (!wanted.has(to) || to === from) continue;
    if (!existing.has(from)) {
      const why = existing.has(to) ? `${from} does not exist and ${to} already does` : `${from} does not exist`;
      warnings.push(stale(label(to), from, why));
      continue;
    }
    pairs.push({ from, to });
  }
  const bySource = new Map<string, NamePair[]>();
  for (const p of pairs) bySource.set(p.from, [...(bySource.get(p.from) ?? []), p]);
  const accepted: NamePair[] = [];
  for (const p of pairs) {
    const claims = bySource.get(p.from) ?? [];
    if (claims.length > 1) {
      if (claims[0] === p) errors.push(conflict(`${claims.map((c) => label(c.to)).join(" and ")} are all renamed from ${p.from}`));
      continue;
    }
    if (existing.has(p.to) && !bySource.has(p.to)) {
      errors.push(conflict(`${label(p.to)} is renamed from ${p.from}, but both ${p.from} and ${p.to} exist`));
      continue;
    }
    accepted.push(p);
  }
  const hintedSources = new Set(accepted.map((p) => p.from));
  const hintedTargets = new Set(accepted.map((p) => p.to));
  for (const to of [...wanted].sort(byName)) {
    if (existing.has(to) || hintedTargets.has(to)) continue;
    const same = existingNames.filter(
      (e) => sameName(e, to) && !wanted.has(e) && !hintedSources.has(e),
    );
    if (same.length === 1) {
      accepted.push({ from: same[0], to });
      hintedSources.add(same[0]);
    }
  }
  return executionOrder(accepted, label, errors);
}

/** Orders renames so that each target is free when its rename runs; reports cycles. */
function executionOrder(pairs: readonly NamePair[], label: (n: string) => string, errors: Diagnostic[]): NamePair[] {
  const pending = [...pairs];
  const done: NamePair[] = [];
  while (pending.length > 0) {
    const at = pending.findIndex((p) => !pending.some((q) => q !== p && q.from === p.to));
    if (at < 0) {
      errors.push(conflict(`renames form a cycle: ${pending.map((p) => `${p.from} -> ${label(p.to)}`).join(", ")}`));
      return done;
    }
    done.push(pending[at]);
    pending.splice(at, 1);
  }
  return done;
}

/** The current schema as it will look after the renames run (table, column and reference names). */
export function applyRenames(current: Schema, renames: Renames): Schema {
  const tableMap = new Map(renames.tables.map((r) => [r.from, r.to]));
  const renameTable = (name: string): string => tableMap.get(name) ?? name;
  // Column renames keyed by the table's new name; every reference to that table follows.
  const columnMaps = new Map<string, Map<string, string>>();
  for (const [table, pairs] of renames.columns) columnMaps.set(table, replayColumnRenames(pairs));
  const col = (table: string, name: string): string => columnMaps.get(table)?.get(name) ?? name;

  const tables = current.tables.map((t): Table => {
    const name = renameTable(t.name);
    const cols = columnMaps.get(name) ?? new Map<string, string>();
    const expr = (sql: string): string => renameInExpression(sql, cols);
    const fk = (f: ForeignKey): ForeignKey => {
      const parent = renameTable(f.refTable);
      return {
        ...f,
        columns: f.columns.map((c) => col(name, c)),
        refTable: parent,
        refColumns: f.refColumns.map((c) => col(parent, c)),
      };
    };
    const index = (i: Index): Index => ({
      ...i,
      table: name,
      keys: i.keys.map((k) => ({ ...k, column: k.column === null ? null : col(name, k.column), expr: k.expr === null ? null : expr(k.expr) })),
      where: i.where === null ? null : expr(i.where),
    });
    return {
      ...t,
      name,
      columns: t.columns.map((c) => ({
        ...c,
        name: col(name, c.name),
        generated: c.generated === null ? null : { ...c.generated, expr: expr(c.generated.expr) },
        checks: c.checks.map((k) => ({ ...k, expr: expr(k.expr) })),
      })),
      primaryKey: t.primaryKey === null ? null : { ...t.primaryKey, columns: t.primaryKey.columns.map((c) => col(name, c)) },
      uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map((c) => col(name, c)) })),
      checks: t.checks.map((k) => ({ ...k, expr: expr(k.expr) })),
      foreignKeys: t.foreignKeys.map(fk),
      indexes: t.indexes.map(index).sort((a, b) => byName(a.name, b.name)),
    };
  });
  const triggers = current.triggers.map((t): Trigger => {
    const table = renameTable(t.table);
    return { ...t, table, ofColumns: t.ofColumns.map((c) => col(table, c)) };
  });
  return {
    ...current,
    tables: tables.sort((a, b) => byName(a.name, b.name)),
    triggers,
  };
}

/** Old column name -> final name, following chains in execution order (b->c then a->b). */
function replayColumnRenames(pairs: readonly NamePair[]): Map<string, string> {
  const final = new Map<string, string>();
  const holder = new Map<string, string>();
  for (const p of pairs) {
    const original = holder.get(p.from) ?? p.from;
    holder.delete(p.from);
    holder.set(p.to, original);
  }
  for (const [now, original] of holder) final.set(original, now);
  return final;
}

/**
 * Rewrites column references in a canonical expression as RENAME COLUMN does: every identifier
 * naming an old column (case-insensitively, as SQLite resolves names) that is not a function
 * name or a collation.
 */
export function renameInExpression(sql: string, columns: ReadonlyMap<string, string>): string {
  if (columns.size === 0) return sql;
  const lower = new Map([...columns].map(([from, to]) => [asciiLower(from), to]));
  const tokens = tokenize(sql);
  let out = "";
  let at = 0;
  tokens.forEach((t, i) => {
    if (t.kind !== "ident") return;
    const to = lower.get(asciiLower(t.value));
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (to === undefined || next?.kind === "lparen" || (prev?.kind === "keyword" && prev.value === "COLLATE")) return;
    out += sql.slice(at, t.start) + quoteIdentIfNeeded(to);
    at = t.end;
  });
  return out + sql.slice(at);
}
