/**
 * The steps for one changed table: renames first (so data stays put and references follow),
 * then columns prepared for their backfills, then either every change in place or exactly one
 * rebuild with all of them merged. Index changes are planned by the caller (plan.ts).
 *
 * Backfills: a new column whose definition cannot be added in place (NOT NULL without a
 * default, say) is added bare (type only, nullable), filled by its backfill, and only then
 * enforced, by the table's one rebuild (or SET NOT NULL on 3.53+). One design serves both
 * backfill forms: an expression and a full UPDATE statement both run against the real table,
 * and the NOT NULL check that guards the enforcing step counts exactly the rows the backfill
 * left NULL. Computing the value inside the rebuild's SELECT would only work for expressions.
 */
import type { AddColumn, ModifyTable, TableChange } from "../diff/changes.js";
import { assertNever } from "../diff/changes.js";
import type { Column, Schema, Table } from "../model.js";
import { asciiLower } from "../sqlite/names.js";
import { quoteIdent, quoteIdentIfNeeded } from "../sqlite/quote.js";
import { type AlterContext, alterVerdict, shadowsRowid, type Verdict } from "./alter.js";
import { columnLoss, exprOverSources, rowCheck } from "./checks.js";
import { mentions } from "./names.js";
import { rebuildStep } from "./rebuild.js";
import { addedColumnDefault, applyAffinity, hasNonNullDefault, isBackfillStatement, storedAffinity, strictViolation } from "./sql-facts.js";
import type { DataCheck, Step } from "./step.js";
import { type Feature, supports } from "./versions.js";

/** The per-table decision and its steps. */
export interface TablePlan {
  readonly table: string;
  readonly steps: readonly Step[];
  readonly rebuilt: boolean;
  /** The plan runs a backfill UPDATE on this table (its triggers must not fire on it). */
  readonly backfilled: boolean;
  readonly features: readonly Feature[];
}

/** What planning one table needs beyond its ModifyTable. */
export interface TableContext extends AlterContext {
  readonly schema: Schema;
  /** Column -> backfill SQL for this table. */
  readonly backfills: ReadonlyMap<string, string>;
  /** Set when the table must be rebuilt whatever its own changes (the reason). */
  readonly forced: string | null;
  /** Per table of the plan, the columns whose values or names it changes. */
  readonly changedColumns: ReadonlyMap<string, ReadonlySet<string>>;
  readonly tempName: string;
}

const STRICT_TYPES = new Set(["INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"]);

function step(sql: string, why: string, table: string, extra: Partial<Step> = {}): Step {
  const checks = extra.checks ?? [];
  const losses = extra.losses ?? [];
  return {
    sql: [sql],
    why,
    table,
    rebuild: false,
    checks,
    losses,
    safety: losses.length > 0 ? "destructive" : checks.length > 0 ? "data-dependent" : "safe",
    ...extra,
  };
}

/**
 * A backfill as one statement. For a column created by this plan every existing row takes it;
 * for a column becoming NOT NULL only the rows where it IS NULL do. OR ABORT: a constraint
 * failure must stop the plan, never replace or skip rows.
 */
function backfillSql(table: string, column: string, backfill: string, onlyNulls: boolean): string {
  if (isBackfillStatement(backfill)) return backfill;
  const where = onlyNulls ? ` WHERE ${quoteIdent(column)} IS NULL` : "";
  return `UPDATE OR ABORT ${quoteIdent(table)} SET ${quoteIdent(column)} = (${backfill})${where}`;
}

const BACKFILL = "backfill ";

/** The step that runs a backfill; `what` says which column, and how (after "backfill "). */
function backfillStep(table: string, column: string, backfill: string, onlyNulls: boolean, what: string, checks: DataCheck[]): Step {
  return step(backfillSql(table, column, backfill, onlyNulls), `${BACKFILL}${what}`, table, { checks });
}

/** Whether `steps` run a backfill UPDATE (the table's triggers must not fire on it). */
function runsBackfill(steps: readonly Step[]): boolean {
  return steps.some((s) => s.why.startsWith(BACKFILL));
}

/**
 * The STRICT check of a backfill UPDATE: a STRICT table refuses a value its column's type cannot
 * hold ("cannot store TEXT value in INT column"), so the rows it would refuse are counted first.
 */
function backfillTyping(table: Table, column: string, type: string, backfill: string, onlyNulls: boolean): DataCheck[] {
  if (!table.strict || isBackfillStatement(backfill)) return [];
  const violation = strictViolation(`(${backfill})`, type);
  if (violation === null) return [];
  const where = onlyNulls ? `${quoteIdent(column)} IS NULL AND ${violation}` : violation;
  return [rowCheck(`STRICT typing of ${table.name}.${column}`, table, where, "the backfill yields values the column's STRICT type cannot hold: convert them in the backfill")];
}

/**
 * The bare column a backfill is written into before the real definition is enforced. Its type
 * must convert the backfilled values exactly as the desired column will: a STRICT table takes
 * only the STRICT type names (ANY converts nothing there; the rebuild into a table leaving STRICT
 * applies the desired affinity), and outside STRICT the word ANY means NUMERIC affinity, so a
 * column becoming STRICT ANY is prepared with no type at all.
 */
function bareColumn(column: Column, current: Table, desired: Table): Column {
  const declared = column.type.toUpperCase();
  // A STRICT table keeping STRICT enforces the type on the backfill as the column will; one
  // leaving STRICT must not refuse what the desired column would hold (text in a REAL column).
  const keepsType = desired.strict && STRICT_TYPES.has(declared);
  const type = current.strict ? (keepsType ? column.type : "ANY") : desired.strict && declared === "ANY" ? "" : column.type;
  return { name: column.name, type, notNull: false, default: null, collate: null, generated: null, checks: [] };
}

/** Plans one changed table. */
export function planTable(modify: ModifyTable, ctx: TableContext): TablePlan {
  const t = modify.table;
  const features = new Set<Feature>();
  const verdicts = new Map(modify.changes.map((c) => [c, alterVerdict(c, modify, ctx)] as const));
  const steps: Step[] = [];
  // A column with a backfill is prepared (added bare, filled) whatever its ADD COLUMN verdict,
  // so its own obstacle does not decide the table's fate; enforcing its definition may.
  const preparable = (c: TableChange): boolean =>
    c.kind === "AddColumn" && c.column.generated === null && ctx.backfills.has(c.column.name);
  const reasons: string[] = ctx.forced === null ? [] : [ctx.forced];
  for (const [c, v] of verdicts) if (v.kind === "rebuild" && !preparable(c)) reasons.push(v.reason);

  // Renames run in place whenever the engine can, whatever else happens to the table.
  const renamedInPlace = new Set(modify.changes.filter((c) => c.kind === "RenameColumn" && verdicts.get(c)?.kind === "alter"));
  for (const change of modify.changes) {
    const v = verdicts.get(change) as Verdict;
    if (change.kind === "RenameColumn" && v.kind === "alter") {
      steps.push(step(v.sql, `rename column ${t}.${change.from} to ${change.to}`, t));
      features.add("renameColumn");
    }
  }

  // Columns with a backfill that cannot be added in place (or whose table is rebuilt anyway)
  // are added bare, filled, then enforced.
  const mustRebuild = reasons.length > 0;
  const prepared: Column[] = [];
  // Desired column -> the name it is prepared under, when SQLite will not ADD it under its own.
  const standIns = new Map<string, string>();
  const backfilled = (name: string): string | undefined => ctx.backfills.get(name);
  const prepare = (change: AddColumn): void => {
    const backfill = backfilled(change.column.name) as string;
    let bare = bareColumn(change.column, modify.from, modify.to);
    // A column named like the rowid cannot be added (SQLite 3.54+): an expression backfill fills
    // a stand-in column that the rebuild copies from.
    if (shadowsRowid(bare.name, modify.from) && !isBackfillStatement(backfill)) {
      const taken = new Set(modify.from.columns.map((c) => asciiLower(c.name)));
      let standIn = `${bare.name}__schemadiff_backfill`;
      for (let n = 2; taken.has(asciiLower(standIn)); n++) standIn = `${bare.name}__schemadiff_backfill${n}`;
      standIns.set(bare.name, standIn);
      bare = { ...bare, name: standIn };
    }
    prepared.push(bare);
    const name = change.column.name;
    steps.push(step(`ALTER TABLE ${quoteIdent(t)} ADD COLUMN ${quoteIdent(bare.name)}${bare.type === "" ? "" : ` ${bare.type}`}`, `add column ${t}.${bare.name} (bare, to run its backfill before its definition is enforced)`, t));
    const checks = backfillTyping(modify.from, bare.name, bare.type, backfill, false);
    steps.push(backfillStep(t, bare.name, backfill, false, `${t}.${name}${bare.name === name ? "" : ` (into ${bare.name})`}`, checks));
  };
  // Backfilled columns that could be added in place with their definition; prepared after all
  // if the table turns out to be rebuilt (a rebuild copies columns, it runs no backfill).
  const deferred: AddColumn[] = [];
  for (const change of modify.changes) {
    if (change.kind !== "AddColumn" || !preparable(change)) continue;
    // ADD COLUMN tests a CHECK on the rows at once (against the default), and in a STRICT table
    // the default's type, before any backfill could run: such a column is prepared like one that
    // cannot be added in place.
    const testedOnAdd = change.column.checks.length > 0 || (modify.to.strict && change.column.default !== null);
    if (!mustRebuild && (verdicts.get(change) as Verdict).kind === "alter" && !testedOnAdd) deferred.push(change);
    else prepare(change);
  }
  if (standIns.size > 0) reasons.push(`column${standIns.size > 1 ? "s" : ""} ${[...standIns.keys()].join(", ")} named like the rowid, backfilled into a stand-in`);
  for (const change of modify.changes) {
    if (change.kind !== "ModifyColumn" || change.from.notNull || !change.to.notNull || change.to.generated !== null) continue;
    const backfill = backfilled(change.name);
    if (backfill === undefined) continue;
    const checks = backfillTyping(modify.from, change.name, change.from.type, backfill, true);
    steps.push(backfillStep(t, change.name, backfill, true, `${t}.${change.name} where it is NULL, before NOT NULL is enforced`, checks));
  }

  if (!mustRebuild && standIns.size === 0 && prepared.length > 0) {
    const onlyNotNull = prepared.every((bare) => {
      const want = modify.to.columns.find((c) => c.name === bare.name) as Column;
      const inForeignKey = modify.to.foreignKeys.some((f) => f.columns.includes(bare.name));
      return want.type === bare.type && want.default === null && want.collate === null && want.checks.length === 0 && want.notNull && !inForeignKey;
    });
    if (onlyNotNull && supports(ctx.target, "alterConstraints")) {
      for (const bare of prepared) {
        steps.push(step(`ALTER TABLE ${quoteIdent(t)} ALTER COLUMN ${quoteIdent(bare.name)} SET NOT NULL`, `enforce NOT NULL on ${t}.${bare.name}`, t, {
          checks: [notNullCheck(modify.to, bare.name)],
        }));
      }
      features.add("alterConstraints");
    } else {
      reasons.push(`enforce the definition of backfilled column${prepared.length > 1 ? "s" : ""} ${prepared.map((c) => c.name).join(", ")}`);
    }
  }

  if (reasons.length > 0) {
    for (const change of deferred) prepare(change);
    for (const [change, v] of verdicts) if (v.kind === "alter" && change.kind !== "RenameColumn" && !deferred.includes(change as AddColumn)) reasons.push(describeMerged(change));
    const old = tableAtRebuild(modify, prepared, renamedInPlace);
    const sourceOf = new Map<string, string>();
    const oldNames = new Set(old.columns.map((c) => c.name));
    const renamedBack = new Map(modify.changes.flatMap((c) => (c.kind === "RenameColumn" && !renamedInPlace.has(c) ? [[c.to, c.from] as const] : [])));
    for (const c of modify.to.columns) {
      const source = standIns.get(c.name) ?? renamedBack.get(c.name) ?? c.name;
      if (oldNames.has(source)) sourceOf.set(c.name, source);
    }
    steps.push(rebuildStep({ before: modify.from, old, desired: modify.to, sourceOf, schema: ctx.schema, changedColumns: ctx.changedColumns, reasons, tempName: ctx.tempName }));
    if (modify.to.strict) features.add("strictTables");
    if (modify.to.columns.some((c) => c.generated !== null)) features.add("generatedColumns");
    return { table: t, steps, rebuilt: true, backfilled: runsBackfill(steps), features: [...features] };
  }

  for (const change of inPlaceOrder(modify.changes)) {
    const v = verdicts.get(change) as Verdict;
    if (v.kind !== "alter" || change.kind === "RenameColumn") continue;
    if (v.feature !== null) features.add(v.feature);
    steps.push(...inPlaceSteps(change, v.sql, modify, ctx));
  }
  return { table: t, steps, rebuilt: false, backfilled: runsBackfill(steps), features: [...features] };
}

/**
 * The order in-place changes run in: ADD COLUMN before DROP COLUMN (addsBeforeDrops), and among
 * the added columns, a generated one after every new column its expression reads (SQLite checks
 * the expression when the column is added: "no such column").
 */
function inPlaceOrder(changes: readonly TableChange[]): TableChange[] {
  const ordered = addsBeforeDrops(changes);
  const adds = ordered.filter((c): c is AddColumn => c.kind === "AddColumn");
  const pending = adds.filter((a) => a.column.generated !== null);
  if (pending.length === 0) return ordered;
  const emitted = adds.filter((a) => a.column.generated === null);
  while (pending.length > 0) {
    const ready = pending.findIndex((g) => !pending.some((o) => o !== g && mentions((g.column.generated as { expr: string }).expr, o.column.name)));
    emitted.push(...pending.splice(Math.max(ready, 0), 1));
  }
  let next = 0;
  return ordered.map((c) => (c.kind === "AddColumn" ? (emitted[next++] as AddColumn) : c));
}

/**
 * The changes with each DROP COLUMN moved after the last ADD COLUMN: SQLite refuses to drop a
 * table's only column (https://www.sqlite.org/lang_altertable.html#altertabdropcol), which a
 * table whose every column is replaced would otherwise hit. A drop that frees a name an ADD
 * reuses (names compare case-insensitively) keeps its place before it.
 */
function addsBeforeDrops(changes: readonly TableChange[]): TableChange[] {
  const lastAdd = changes.map((c) => c.kind).lastIndexOf("AddColumn");
  const added = new Set(changes.flatMap((c) => (c.kind === "AddColumn" ? [asciiLower(c.column.name)] : [])));
  const deferred = changes.filter((c, i) => c.kind === "DropColumn" && i < lastAdd && !added.has(asciiLower(c.column.name)));
  const ordered = changes.filter((c) => !deferred.includes(c));
  ordered.splice(ordered.indexOf(changes[lastAdd] as TableChange) + 1, 0, ...deferred);
  return ordered;
}

/** The table as the database holds it when the rebuild starts. */
function tableAtRebuild(modify: ModifyTable, prepared: readonly Column[], renamedInPlace: ReadonlySet<TableChange>): Table {
  const back = new Map(modify.changes.flatMap((c) => (c.kind === "RenameColumn" && !renamedInPlace.has(c) ? [[c.to, c.from] as const] : [])));
  const name = (n: string): string => back.get(n) ?? n;
  const from = modify.from;
  const columns = from.columns.map((c) => ({ ...c, name: name(c.name) }));
  return {
    ...from,
    columns: [...columns, ...prepared],
    // The keys under the names the database still uses (the rowid alias is found through them).
    primaryKey: from.primaryKey === null ? null : { ...from.primaryKey, columns: from.primaryKey.columns.map(name) },
    uniques: from.uniques.map((u) => ({ ...u, columns: u.columns.map(name) })),
    foreignKeys: from.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(name) })),
  };
}

function notNullCheck(table: Table, column: string): DataCheck {
  return rowCheck(`NOT NULL on ${table.name}.${column}`, table, `${quoteIdent(column)} IS NULL`, `set ${column} in these rows, or declare a backfill`);
}

/** Steps for one change that runs in place (renames excluded: they run first). */
function inPlaceSteps(change: ModifyTable["changes"][number], sql: string, modify: ModifyTable, ctx: TableContext): Step[] {
  const t = modify.table;
  switch (change.kind) {
    case "AddColumn":
      return addColumnSteps(change, sql, modify, ctx);
    case "DropColumn":
      return [step(sql, `drop column ${t}.${change.column.name}`, t, { losses: change.column.generated === null ? [columnLoss(t, change.column.name)] : [] })];
    case "ModifyColumn":
      return [
        step(sql, `${change.to.notNull ? "add" : "drop"} NOT NULL on ${t}.${change.name}`, t, {
          checks: change.to.notNull ? [notNullCheck(modify.from, change.name)] : [],
        }),
      ];
    case "AddCheck":
      return [
        step(sql, `add CHECK (${change.check.expr}) to ${t}`, t, {
          checks: [rowCheck(`CHECK (${change.check.expr}) on ${t}`, modify.from, `NOT (${change.check.expr})`, "fix these rows so the CHECK holds")],
        }),
      ];
    case "DropCheck":
      return [step(sql, `drop CHECK ${change.check.name ?? change.check.expr} from ${t}`, t)];
    default:
      return [];
  }
}

/**
 * ADD COLUMN, then its backfill. SQLite itself tests a new column's CHECK and generated NOT NULL
 * against existing rows (lang_altertable.html#altertabaddcol); the check counts them first by
 * reading the column as its default.
 */
function addColumnSteps(change: AddColumn, sql: string, modify: ModifyTable, ctx: TableContext): Step[] {
  const t = modify.table;
  const column = change.column;
  // The default as old rows read it: built from the literal, under the column's affinity and collation.
  const value = column.default === null ? "NULL" : addedColumnDefault(column.default, storedAffinity(modify.to, column));
  const asDefault = new Map([[column.name, column.collate === null ? value : `(${value} COLLATE ${quoteIdentIfNeeded(column.collate)})`]]);
  const checks: DataCheck[] = [];
  if (column.generated === null && hasNonNullDefault(column)) {
    // SQLite checks the existing rows of a STRICT table against the default ("type mismatch on DEFAULT").
    const mistyped = modify.to.strict ? strictViolation(value, column.type) : null;
    if (mistyped !== null) {
      checks.push(rowCheck(`STRICT typing of ${t}.${column.name}`, modify.from, mistyped, `existing rows take the default ${column.default}, which a STRICT ${column.type} column cannot hold: change the default`));
    }
  }
  // ADD COLUMN tests the new column's CHECKs on every existing row, against what the row reads in
  // it: the default (NULL when none: CHECK (typeof(c) = 'text') fails on it) or the generated value.
  const generated = column.generated === null ? null : applyAffinity(`(${column.generated.expr})`, storedAffinity(modify.to, column));
  const reads = generated === null ? asDefault : new Map([[column.name, generated]]);
  const hint = generated === null ? `existing rows take the default ${column.default ?? "NULL"}: change the default or the CHECK` : "existing rows yield generated values the CHECK refuses";
  for (const check of column.checks) {
    checks.push(rowCheck(`CHECK (${check.expr}) on ${t}.${column.name}`, modify.from, `NOT (${exprOverSources(check.expr, reads)})`, hint));
  }
  if (column.generated !== null && column.notNull) {
    checks.push(rowCheck(`NOT NULL on ${t}.${column.name}`, modify.from, `(${column.generated.expr}) IS NULL`, "fix the rows the generated expression yields NULL for"));
  }
  const steps = [step(sql, `add column ${t}.${column.name}`, t, { checks })];
  const backfill = ctx.backfills.get(column.name);
  if (backfill !== undefined && column.generated === null) {
    const nullChecks =
      column.notNull && !isBackfillStatement(backfill)
        ? [rowCheck(`NOT NULL on ${t}.${column.name}`, modify.to, `(${backfill}) IS NULL`, "the backfill yields NULL for these rows")]
        : [];
    const checks = [...nullChecks, ...backfillTyping(modify.from, column.name, column.type, backfill, false)];
    steps.push(backfillStep(t, column.name, backfill, false, `${t}.${column.name}`, checks));
  }
  return steps;
}

/** A change that could have run in place but rides along in the rebuild. */
function describeMerged(change: TableChange): string {
  switch (change.kind) {
    case "AddColumn":
      return `add column ${change.column.name}`;
    case "DropColumn":
      return `drop column ${change.column.name}`;
    case "RenameColumn":
      return `rename column ${change.from} to ${change.to}`;
    case "ModifyColumn":
      return `column ${change.name} changes ${change.aspects.join(", ")}`;
    case "AddCheck":
      return `new CHECK (${change.check.expr})`;
    case "DropCheck":
      return `dropped CHECK (${change.check.expr})`;
    case "AddIndex":
    case "DropIndex":
    case "AddPrimaryKey":
    case "DropPrimaryKey":
    case "ChangePrimaryKey":
    case "AddUnique":
    case "DropUnique":
    case "AddForeignKey":
    case "DropForeignKey":
    case "ChangeTableOptions":
    case "ColumnOrder":
      return change.kind;
    default:
      return assertNever(change);
  }
}
