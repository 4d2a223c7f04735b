/**
 * The planner: changes in, an ordered list of steps out. Each table is decided once (in place,
 * or one rebuild carrying all its changes); the steps then go into the dependency order of
 * order.ts. Pure: no database, no I/O.
 */
import type { Change, ModifyTable, RenameTable } from "../diff/changes.js";
import { assertNever } from "../diff/changes.js";
import { byName, deepEqual } from "../diff/equal.js";
import { applyRenames, type NamePair } from "../diff/renames.js";
import type { Hints, Index, Schema, Table, Trigger, View, VirtualTable } from "../model.js";
import { asciiLower, sameName } from "../sqlite/names.js";
import { quoteIdent, quoteIdentIfNeeded } from "../sqlite/quote.js";
import { renderCreateIndex, renderCreateTable, renderCreateTrigger, renderCreateView, renderCreateVirtualTable } from "../sqlite/render.js";
import { referencedNames, viewCreationOrder } from "../sqlite/dependencies.js";
import { renamesInPlace } from "./alter.js";
import { duplicatesCheck, tableLoss } from "./checks.js";
import { mentions } from "./names.js";
import { keepsValues } from "./sql-facts.js";
import { dependentObjects, orderSteps, parentsFirst } from "./order.js";
import { REBUILD_SUFFIX } from "./rebuild.js";
import type { Plan, Step } from "./step.js";
import { planTable, type TablePlan } from "./table-plan.js";
import { DEFAULT_TARGET_SQLITE, type Feature, minimumVersion } from "./versions.js";

/** Planner options. */
export interface PlanOptions {
  /** Oldest SQLite the statements must run on (default 3.40.0); newer ALTER forms are avoided below their version. */
  readonly targetSqlite?: string;
}

function simple(sql: string | string[], why: string, table: string | null, extra: Partial<Step> = {}): Step {
  const checks = extra.checks ?? [];
  const losses = extra.losses ?? [];
  const safety = losses.length > 0 ? "destructive" : checks.length > 0 ? "data-dependent" : "safe";
  return { sql: Array.isArray(sql) ? sql : [sql], why, table, rebuild: false, checks, losses, safety, ...extra };
}

/** Turns `changes` (from diffSchemas over the same schemas) into a plan. */
export function planChanges(
  changes: readonly Change[],
  current: Schema,
  desired: Schema,
  hints: Hints,
  options: PlanOptions = {},
): Plan {
  const target = options.targetSqlite ?? DEFAULT_TARGET_SQLITE;
  const features = new Set<Feature>();
  const notes: string[] = [];
  const b = classify(changes);

  const tableRenames = b.RenameTable;
  const renamedCurrent = applyRenames(current, {
    tables: tableRenames.map((r) => ({ from: r.from, to: r.to })),
    columns: new Map(b.ModifyTable.map((m) => [m.table, m.changes.flatMap((c): NamePair[] => (c.kind === "RenameColumn" ? [c] : []))])),
  });
  const modifies = withForcedRebuilds(b.ModifyTable, renamedCurrent, desired, target);

  // Views and triggers that stay untouched by their own changes (DROP COLUMN must not break them).
  const changedViews = new Set([...b.DropView.map((v) => v.name), ...b.ModifyView.map((c) => c.from.name)]);
  const changedTriggers = new Set([...b.DropTrigger.map((t) => t.name), ...b.ModifyTrigger.map((c) => c.from.name)]);
  const keptViews = renamedCurrent.views.filter((v) => !changedViews.has(v.name));
  const keptTriggers = renamedCurrent.triggers.filter((t) => !changedTriggers.has(t.name));
  const survivors = [
    ...keptViews.map((v) => ({ name: `view ${v.name}`, sql: renderCreateView(v), table: null })),
    ...keptTriggers.map((t) => ({ name: `trigger ${t.name}`, sql: renderCreateTrigger(t), table: t.table })),
  ];

  const desiredTables = new Map(desired.tables.map((t) => [t.name, t]));
  const taken = allNames(current, desired);
  const tablePlans = new Map<string, TablePlan>();
  // Columns whose values this plan changes, per table: a parent key among them is only final
  // after its table's own steps, so other tables' data checks must not read it before.
  const changedColumns = new Map(modifies.map(({ modify }) => [modify.table, new Set(modify.changes.flatMap(changedColumn))] as const));
  for (const { modify, forced } of modifies) {
    const backfills = hints.backfills.get(modify.table) ?? new Map<string, string>();
    const plan = planTable(modify, { target, survivors, schema: desired, backfills, forced, changedColumns, tempName: freeName(`${modify.table}${REBUILD_SUFFIX}`, taken) });
    plan.features.forEach((f) => features.add(f));
    tablePlans.set(modify.table, plan);
    for (const c of modify.changes) {
      if (c.kind === "ColumnOrder") notes.push(`${modify.table}: column order differs (${c.from.join(", ")} declared as ${c.to.join(", ")}); not drift, left as is${plan.rebuilt ? " (the rebuild takes the declared order)" : ""}`);
    }
  }
  const rebuilt = new Set([...tablePlans.values()].filter((p) => p.rebuilt).map((p) => p.table));

  // Everything that disappears or is replaced, and the views/triggers hanging on it.
  const seeds = new Set<string>([
    ...rebuilt,
    ...b.DropTable.map((t) => t.name),
    ...changedViews,
    ...b.DropVirtualTable.map((t) => t.name),
    ...b.ModifyVirtualTable.map((c) => c.from.name),
  ]);
  const dependents = dependentObjects(seeds, keptViews, keptTriggers);
  const dependentViews = new Set(dependents.views.map((v) => v.name));
  const dependentTriggers = new Set(dependents.triggers.map((t) => t.name));
  const seedNames = new Set([...seeds, ...dependentViews]);
  const reasonFor = (sql: string, on: string | null): string => {
    const hit = on !== null && seedNames.has(on) ? on : referencedNames(sql, seedNames)[0];
    return `it depends on ${hit ?? "a replaced object"}, which this plan replaces; recreated after`;
  };

  // A backfill is an UPDATE: the triggers on its table would fire on every row (an audit row,
  // a bumped timestamp, a RAISE), so they step aside for the plan, as they do for a rebuild.
  const backfilled = new Set([...tablePlans.values()].filter((p) => p.backfilled).map((p) => p.table));
  const quieted = keptTriggers.filter((t) => !dependentTriggers.has(t.name) && [...backfilled].some((n) => sameName(n, t.table)));
  for (const t of quieted) dependentTriggers.add(t.name);
  const whyDropped = (t: Trigger): string =>
    quieted.includes(t) ? `it would fire on the backfill of ${t.table}; recreated after` : reasonFor(`${t.when ?? ""} ${t.body}`, t.table);
  const dependentTriggerList = [...dependents.triggers, ...quieted];

  const dropTriggers = [...b.DropTrigger, ...b.ModifyTrigger.map((c) => c.from), ...dependentTriggerList]
    .sort((a, b) => byName(a.name, b.name))
    .map((t) => simple(`DROP TRIGGER ${quoteIdent(t.name)}`, `drop trigger ${t.name}${dependentTriggers.has(t.name) ? `: ${whyDropped(t)}` : ""}`, t.table));
  const droppedViews = [...b.DropView, ...b.ModifyView.map((c) => c.from), ...dependents.views];
  const dropViews = viewCreationOrder(droppedViews)
    .reverse()
    .map((v) => simple(`DROP VIEW ${quoteIdent(v.name)}`, `drop view ${v.name}${dependentViews.has(v.name) ? `: ${reasonFor(v.select, null)}` : ""}`, null));

  // A rebuild drops its table's old indexes with the table, unless a new table, view or index
  // takes one's name: that one is created before the rebuild runs, so the index goes first.
  const desiredNames = new Set(
    [...desired.tables, ...desired.views, ...desired.virtualTables, ...desired.tables.flatMap((t) => t.indexes)].map((o) => asciiLower(o.name)),
  );
  const dropIndexes: Step[] = [];
  for (const { modify } of modifies) {
    for (const c of modify.changes) {
      if (c.kind !== "DropIndex" || (rebuilt.has(modify.table) && !desiredNames.has(asciiLower(c.index.name)))) continue;
      dropIndexes.push(simple(`DROP INDEX ${quoteIdent(c.index.name)}`, `drop index ${c.index.name}`, modify.table));
    }
  }

  const tables: Step[] = [];
  for (const r of tableRenames) {
    tables.push(renameTableStep(r, taken));
    features.add("renameTable");
  }
  for (const c of [...b.DropVirtualTable, ...b.ModifyVirtualTable.map((x) => x.from)]) {
    tables.push(simple(`DROP TABLE ${quoteIdent(c.name)}`, `drop virtual table ${c.name}`, c.name, { losses: [tableLoss(c.name)] }));
  }
  const dropped = b.DropTable;
  for (const t of parentsFirst(dropped).reverse()) {
    tables.push(simple(`DROP TABLE ${quoteIdent(t.name)}`, `drop table ${t.name}`, t.name, { losses: [tableLoss(t.name)] }));
  }
  const added = parentsFirst(b.AddTable);
  for (const t of added) {
    tables.push(simple(renderCreateTable(t), `create table ${t.name}`, t.name));
    if (t.strict) features.add("strictTables");
    if (t.columns.some((c) => c.generated !== null)) features.add("generatedColumns");
  }
  for (const v of [...b.AddVirtualTable, ...b.ModifyVirtualTable.map((x) => x.to)].sort((a, b) => byName(a.name, b.name))) {
    tables.push(simple(renderCreateVirtualTable(v), `create virtual table ${v.name}`, v.name));
  }
  const modifiedOrder = parentsFirst(modifies.map((m) => desiredTables.get(m.modify.table) as Table));
  for (const t of modifiedOrder) tables.push(...(tablePlans.get(t.name) as TablePlan).steps);

  const createIndexes: Step[] = [];
  for (const t of added) for (const i of t.indexes) createIndexes.push(simple(renderCreateIndex(i), `create index ${i.name} on ${t.name}`, t.name));
  for (const t of modifiedOrder) {
    const { modify } = modifies.find((m) => m.modify.table === t.name) as { modify: ModifyTable };
    if (rebuilt.has(t.name)) {
      for (const i of t.indexes) createIndexes.push(indexStep(i, modify, true));
    } else {
      for (const c of modify.changes) if (c.kind === "AddIndex") createIndexes.push(indexStep(c.index, modify, false));
    }
  }

  const createdViews = [...b.AddView, ...b.ModifyView.map((c) => c.to), ...dependents.views.map((v) => desiredView(desired, v))];
  const createViews = viewCreationOrder(createdViews.sort((a, b) => byName(a.name, b.name))).map((v) =>
    simple(renderCreateView(v), `create view ${v.name}${dependentViews.has(v.name) ? " (recreated)" : ""}`, null),
  );
  const createdTriggers = [...b.AddTrigger, ...b.ModifyTrigger.map((c) => c.to), ...dependentTriggerList.map((t) => desiredTrigger(desired, t))];
  const createTriggers = createdTriggers
    .sort((a, b) => byName(a.name, b.name))
    .map((t) => simple(renderCreateTrigger(t), `create trigger ${t.name}${dependentTriggers.has(t.name) ? " (recreated)" : ""}`, t.table));

  const steps = orderSteps({ dropTriggers, dropViews, dropIndexes, tables, createIndexes, createViews, createTriggers });
  const fkChange = modifies.some(({ modify }) => modify.changes.some((c) => c.kind === "AddForeignKey" || c.kind === "DropForeignKey"));
  const droppedParent = dropped.some((t) => current.tables.some((o) => o.foreignKeys.some((f) => sameName(f.refTable, t.name))));
  return {
    steps,
    notes,
    needsForeignKeysOff: rebuilt.size > 0 || fkChange || droppedParent,
    minSqliteVersion: steps.length === 0 ? minimumVersion([]) : minimumVersion(features),
  };
}

/**
 * A renamed column that moves by rebuild (no RENAME COLUMN in the target engine, or a rowid
 * name SQLite will not rename in place) leaves the foreign keys that name it in other tables
 * unrewritten: those tables are rebuilt too.
 */
function withForcedRebuilds(
  modifies: readonly ModifyTable[],
  renamedCurrent: Schema,
  desired: Schema,
  target: string,
): { modify: ModifyTable; forced: string | null }[] {
  const out = modifies.map((modify) => ({ modify, forced: null as string | null }));
  for (const parent of modifies) {
    const renamed = parent.changes.flatMap((c) => (c.kind === "RenameColumn" && !renamesInPlace(c, parent, target) ? [c.to] : []));
    if (renamed.length === 0) continue;
    for (const child of desired.tables) {
      if (child.name === parent.table) continue;
      const names = child.foreignKeys.some((f) => sameName(f.refTable, parent.table) && f.refColumns.some((c) => renamed.includes(c)));
      if (!names) continue;
      const reason = `its foreign key names a column of ${parent.table} renamed by rebuild`;
      const existing = out.find((m) => m.modify.table === child.name);
      if (existing !== undefined) existing.forced = reason;
      else {
        const from = renamedCurrent.tables.find((t) => t.name === child.name);
        if (from !== undefined) out.push({ modify: { kind: "ModifyTable", table: child.name, from, to: child, changes: [] }, forced: reason });
      }
    }
  }
  return out.sort((a, b) => byName(a.modify.table, b.modify.table));
}

function renameTableStep(r: RenameTable, taken: Set<string>): Step {
  const sql = [`ALTER TABLE ${quoteIdent(r.from)} RENAME TO ${quoteIdent(r.to)}`];
  if (sameName(r.from, r.to)) {
    // SQLite refuses a rename to a name differing only in case ("there is already another
    // table"), so the table goes through a free temporary name.
    const via = freeName(`${r.to}__schemadiff_rename`, taken);
    sql.splice(0, 1, `ALTER TABLE ${quoteIdent(r.from)} RENAME TO ${quoteIdent(via)}`, `ALTER TABLE ${quoteIdent(via)} RENAME TO ${quoteIdent(r.to)}`);
  }
  return simple(sql, `rename table ${r.from} to ${r.to}`, r.to);
}

/** CREATE INDEX; a UNIQUE one carries a duplicates check unless the same rule already held on the same values. */
function indexStep(index: Index, modify: ModifyTable, afterRebuild: boolean): Step {
  const before = modify.from.indexes.find((i) => i.name === index.name);
  // The rule held on the old values; a column the index reads (as a key, in an expression or in
  // its WHERE) that changes type, collation or generated expression gives it other values.
  const changed = modify.to.columns.filter((b) => {
    const a = modify.from.columns.find((c) => c.name === b.name);
    return a === undefined || !keepsValues(a, b);
  });
  const reads = [...index.keys.map((k) => (k.column === null ? (k.expr ?? "") : quoteIdent(k.column))), index.where ?? ""].join(", ");
  const valuesKept = !changed.some((c) => mentions(reads, c.name));
  const kept = before !== undefined && deepEqual(before, index) && valuesKept;
  const checks = index.unique && !kept ? [uniqueIndexCheck(index, modify.to)] : [];
  const why = afterRebuild && before !== undefined ? `recreate index ${index.name} on rebuilt ${modify.table}` : `create index ${index.name} on ${modify.table}`;
  return { ...simple(renderCreateIndex(index), why, modify.table, { checks }), rebuild: afterRebuild };
}

function uniqueIndexCheck(index: Index, table: Table): Step["checks"][number] {
  const terms = index.keys.map((k) => {
    const column = k.column === null ? undefined : table.columns.find((c) => c.name === k.column);
    const collate = k.collate ?? column?.collate ?? (k.column === null ? null : "BINARY");
    const base = k.column !== null ? quoteIdent(k.column) : `(${k.expr})`;
    return collate === null ? base : `${base} COLLATE ${quoteIdentIfNeeded(collate)}`;
  });
  return duplicatesCheck(`UNIQUE index ${index.name} on ${table.name}`, table, terms, index.where, "remove or merge the duplicate rows first");
}

function desiredView(desired: Schema, v: View): View {
  return desired.views.find((d) => d.name === v.name) ?? v;
}

function desiredTrigger(desired: Schema, t: Trigger): Trigger {
  return desired.triggers.find((d) => d.name === t.name) ?? t;
}

/** Every object name on either side, ASCII-lowercased (SQLite's namespace for tables, views, indexes, triggers is shared). */
function allNames(current: Schema, desired: Schema): Set<string> {
  const names = new Set<string>();
  for (const s of [current, desired]) {
    for (const t of s.tables) {
      names.add(asciiLower(t.name));
      t.indexes.forEach((i) => names.add(asciiLower(i.name)));
    }
    [...s.views, ...s.triggers, ...s.virtualTables].forEach((o) => names.add(asciiLower(o.name)));
  }
  return names;
}

/** `base`, or `base_2`, `base_3`, ... whichever no object uses; reserves it. */
function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(asciiLower(name)); n++) name = `${base}_${n}`;
  taken.add(asciiLower(name));
  return name;
}

/** The changes sorted by kind; the exhaustive switch makes a new kind a compile error here. */
interface Buckets {
  readonly RenameTable: RenameTable[];
  readonly AddTable: Table[];
  readonly DropTable: Table[];
  readonly ModifyTable: ModifyTable[];
  readonly AddView: View[];
  readonly DropView: View[];
  readonly ModifyView: { from: View; to: View }[];
  readonly AddTrigger: Trigger[];
  readonly DropTrigger: Trigger[];
  readonly ModifyTrigger: { from: Trigger; to: Trigger }[];
  readonly AddVirtualTable: VirtualTable[];
  readonly DropVirtualTable: VirtualTable[];
  readonly ModifyVirtualTable: { from: VirtualTable; to: VirtualTable }[];
}

function classify(changes: readonly Change[]): Buckets {
  const b: Buckets = {
    RenameTable: [], AddTable: [], DropTable: [], ModifyTable: [], AddView: [], DropView: [], ModifyView: [],
    AddTrigger: [], DropTrigger: [], ModifyTrigger: [], AddVirtualTable: [], DropVirtualTable: [], ModifyVirtualTable: [],
  };
  for (const c of changes) {
    switch (c.kind) {
      case "RenameTable":
        b.RenameTable.push(c);
        break;
      case "AddTable":
        b.AddTable.push(c.table);
        break;
      case "DropTable":
        b.DropTable.push(c.table);
        break;
      case "ModifyTable":
        b.ModifyTable.push(c);
        break;
      case "AddView":
        b.AddView.push(c.view);
        break;
      case "DropView":
        b.DropView.push(c.view);
        break;
      case "ModifyView":
        b.ModifyView.push(c);
        break;
      case "AddTrigger":
        b.AddTrigger.push(c.trigger);
        break;
      case "DropTrigger":
        b.DropTrigger.push(c.trigger);
        break;
      case "ModifyTrigger":
        b.ModifyTrigger.push(c);
        break;
      case "AddVirtualTable":
        b.AddVirtualTable.push(c.table);
        break;
      case "DropVirtualTable":
        b.DropVirtualTable.push(c.table);
        break;
      case "ModifyVirtualTable":
        b.ModifyVirtualTable.push(c);
        break;
      default:
        assertNever(c);
    }
  }
  return b;
}

/** The desired column a table change gives new values (or a new name), if any. */
function changedColumn(change: ModifyTable["changes"][number]): string[] {
  switch (change.kind) {
    case "AddColumn":
    case "DropColumn":
      return [change.column.name];
    case "RenameColumn":
      return [change.to];
    case "ModifyColumn":
      return [change.name];
    default:
      return [];
  }
}
