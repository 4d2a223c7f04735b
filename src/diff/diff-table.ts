/** Differences inside one table: columns, keys, constraints, indexes and options. Pure. */
import type { Column, Table } from "../model.js";
import type { ColumnAspect, TableChange } from "./changes.js";
import { byName, deepEqual, multisetMinus } from "./equal.js";
import type { NamePair } from "./renames.js";

/**
 * `from` is the current table after renames (see `applyRenames`), `to` the desired one; both
 * normalised, so every comparison is structural equality. Constraint lists compare as multisets:
 * their order in the CREATE statement means nothing to SQLite.
 */
export function diffTable(from: Table, to: Table, columnRenames: readonly NamePair[]): TableChange[] {
  const changes: TableChange[] = columnRenames.map((r) => ({ kind: "RenameColumn", from: r.from, to: r.to }));
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  const toCols = new Map(to.columns.map((c) => [c.name, c]));

  for (const column of from.columns) {
    if (!toCols.has(column.name)) changes.push({ kind: "DropColumn", column });
  }
  for (const column of to.columns) {
    const before = fromCols.get(column.name);
    if (before === undefined) {
      changes.push({ kind: "AddColumn", column });
      continue;
    }
    const aspects = columnAspects(before, column);
    if (aspects.length > 0) changes.push({ kind: "ModifyColumn", name: column.name, from: before, to: column, aspects });
  }
  const keptFrom = from.columns.map((c) => c.name).filter((n) => toCols.has(n));
  const keptTo = to.columns.map((c) => c.name).filter((n) => fromCols.has(n));
  if (!deepEqual(keptFrom, keptTo)) changes.push({ kind: "ColumnOrder", from: keptFrom, to: keptTo });

  if (from.primaryKey === null && to.primaryKey !== null) changes.push({ kind: "AddPrimaryKey", key: to.primaryKey });
  else if (from.primaryKey !== null && to.primaryKey === null) changes.push({ kind: "DropPrimaryKey", key: from.primaryKey });
  else if (from.primaryKey !== null && to.primaryKey !== null && !deepEqual(from.primaryKey, to.primaryKey)) {
    changes.push({ kind: "ChangePrimaryKey", from: from.primaryKey, to: to.primaryKey });
  }

  for (const unique of multisetMinus(from.uniques, to.uniques)) changes.push({ kind: "DropUnique", unique });
  for (const unique of multisetMinus(to.uniques, from.uniques)) changes.push({ kind: "AddUnique", unique });
  for (const check of multisetMinus(from.checks, to.checks)) changes.push({ kind: "DropCheck", check });
  for (const check of multisetMinus(to.checks, from.checks)) changes.push({ kind: "AddCheck", check });
  for (const foreignKey of multisetMinus(from.foreignKeys, to.foreignKeys)) changes.push({ kind: "DropForeignKey", foreignKey });
  for (const foreignKey of multisetMinus(to.foreignKeys, from.foreignKeys)) changes.push({ kind: "AddForeignKey", foreignKey });

  const toIndexes = new Map(to.indexes.map((i) => [i.name, i]));
  const fromIndexes = new Map(from.indexes.map((i) => [i.name, i]));
  for (const index of from.indexes) {
    const after = toIndexes.get(index.name);
    if (after === undefined || !deepEqual(index, after)) changes.push({ kind: "DropIndex", index });
  }
  for (const index of to.indexes) {
    const before = fromIndexes.get(index.name);
    if (before === undefined || !deepEqual(index, before)) changes.push({ kind: "AddIndex", index });
  }

  if (from.strict !== to.strict || from.withoutRowid !== to.withoutRowid) {
    changes.push({
      kind: "ChangeTableOptions",
      from: { strict: from.strict, withoutRowid: from.withoutRowid },
      to: { strict: to.strict, withoutRowid: to.withoutRowid },
    });
  }
  return sortTableChanges(changes, to);
}

/** Which aspects of a column differ (empty when the columns are the same). */
export function columnAspects(from: Column, to: Column): ColumnAspect[] {
  const aspects: ColumnAspect[] = [];
  if (from.type !== to.type) aspects.push("type");
  if (from.notNull !== to.notNull) aspects.push("notNull");
  if (from.default !== to.default) aspects.push("default");
  if (from.collate !== to.collate) aspects.push("collate");
  if (!deepEqual(from.generated, to.generated)) aspects.push("generated");
  const checksDiffer = from.checks.length !== to.checks.length || multisetMinus(from.checks, to.checks).length > 0;
  if (checksDiffer) aspects.push("checks");
  return aspects;
}

const KIND_ORDER: readonly TableChange["kind"][] = [
  "RenameColumn",
  "DropColumn",
  "AddColumn",
  "ModifyColumn",
  "ColumnOrder",
  "DropPrimaryKey",
  "AddPrimaryKey",
  "ChangePrimaryKey",
  "DropUnique",
  "AddUnique",
  "DropCheck",
  "AddCheck",
  "DropForeignKey",
  "AddForeignKey",
  "DropIndex",
  "AddIndex",
  "ChangeTableOptions",
];

/**
 * Deterministic order: by kind, then by the name or content of what changes. Renames keep
 * execution order and added columns their declared order (ADD COLUMN appends, so adding them in
 * that order gives the declared column order).
 */
function sortTableChanges(changes: TableChange[], to: Table): TableChange[] {
  const rank = (c: TableChange): number => KIND_ORDER.indexOf(c.kind);
  const position = new Map(to.columns.map((c, i) => [c.name, String(i).padStart(6, "0")]));
  const key = (c: TableChange): string =>
    c.kind === "RenameColumn" ? "" : c.kind === "AddColumn" ? (position.get(c.column.name) ?? "") : JSON.stringify(c);
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || byName(key(a.c), key(b.c)) || a.i - b.i)
    .map(({ c }) => c);
}
