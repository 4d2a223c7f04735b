/**
 * Can a table change run in place? One question per change, answered by the rules of
 * https://www.sqlite.org/lang_altertable.html (DESIGN.md §4); any "no" means the table is rebuilt.
 */
import type { ModifyTable, RenameColumn, TableChange } from "../diff/changes.js";
import { assertNever } from "../diff/changes.js";
import type { CheckConstraint, Column, ForeignKey, Table } from "../model.js";
import { asciiLower, sameName } from "../sqlite/names.js";
import { quoteIdent, quoteIdentIfNeeded } from "../sqlite/quote.js";
import { mentions } from "./names.js";
import { hasNonNullDefault, isLiteralDefault } from "./sql-facts.js";
import { type Feature, FEATURE_VERSION, supports } from "./versions.js";

/** What the in-place question needs to know beyond the table itself. */
export interface AlterContext {
  readonly target: string;
  /** SQL text (with the table they fire on, if triggers) of views and triggers left in place by the plan. */
  readonly survivors: readonly { readonly name: string; readonly sql: string; readonly table: string | null }[];
}

/** The verdict on one change: statements to run, nothing to do here, or why a rebuild is needed. */
export type Verdict =
  | { readonly kind: "alter"; readonly sql: string; readonly feature: Feature | null }
  | { readonly kind: "elsewhere" }
  | { readonly kind: "rebuild"; readonly reason: string };

const ALTER = (t: string): string => `ALTER TABLE ${quoteIdent(t)}`;

/** Decides one change of `modify` (whose `from` is the table after renames). */
export function alterVerdict(change: TableChange, modify: ModifyTable, ctx: AlterContext): Verdict {
  const t = modify.table;
  switch (change.kind) {
    case "RenameColumn":
      if (renamesRowidName(change, modify)) {
        return { kind: "rebuild", reason: `column ${shadowsRowid(change.from, modify.from) ? change.from : change.to} ${ROWID_NAME}` };
      }
      if (uniqueIntegerKeyOfWithoutRowid(change.to, modify.from)) {
        return { kind: "rebuild", reason: `column ${change.from} is the INTEGER PRIMARY KEY of a WITHOUT ROWID table and in a UNIQUE constraint, which SQLite cannot rename in place` };
      }
      return supports(ctx.target, "renameColumn")
        ? { kind: "alter", sql: `${ALTER(t)} RENAME COLUMN ${quoteIdent(change.from)} TO ${quoteIdent(change.to)}`, feature: "renameColumn" }
        : { kind: "rebuild", reason: `RENAME COLUMN needs SQLite ${FEATURE_VERSION.renameColumn}` };
    case "AddColumn": {
      const why = addColumnObstacle(change.column, modify.to);
      if (why !== null) return { kind: "rebuild", reason: `column ${change.column.name} ${why}` };
      const fk = inlineForeignKey(change.column, modify.to);
      const feature = change.column.generated !== null ? "generatedColumns" : null;
      return { kind: "alter", sql: `${ALTER(t)} ADD COLUMN ${renderColumnDefinition(change.column, fk)}`, feature };
    }
    case "DropColumn": {
      if (!supports(ctx.target, "dropColumn")) return { kind: "rebuild", reason: `DROP COLUMN needs SQLite ${FEATURE_VERSION.dropColumn}` };
      const why = dropColumnObstacle(change.column.name, modify, ctx);
      return why === null
        ? { kind: "alter", sql: `${ALTER(t)} DROP COLUMN ${quoteIdent(change.column.name)}`, feature: "dropColumn" }
        : { kind: "rebuild", reason: `column ${change.column.name} cannot be dropped in place: ${why}` };
    }
    case "ModifyColumn":
      return modifyColumnVerdict(change.from, change.to, change.aspects, t, ctx);
    case "AddForeignKey": {
      const [column] = change.foreignKey.columns;
      const added = modify.changes.some((c) => c.kind === "AddColumn" && c.column.name === column);
      return change.foreignKey.columns.length === 1 && added && addColumnObstacle(modify.to.columns.find((c) => c.name === column) as Column, modify.to) === null
        ? { kind: "elsewhere" }
        : { kind: "rebuild", reason: `new foreign key (${change.foreignKey.columns.join(", ")}) -> ${change.foreignKey.refTable}` };
    }
    case "AddCheck":
      return supports(ctx.target, "alterConstraints")
        ? { kind: "alter", sql: `${ALTER(t)} ADD ${checkClause(change.check)}`, feature: "alterConstraints" }
        : { kind: "rebuild", reason: `new CHECK (${change.check.expr})` };
    case "DropCheck":
      return supports(ctx.target, "alterConstraints") && uniquelyNamed(change.check, modify.from)
        ? { kind: "alter", sql: `${ALTER(t)} DROP CONSTRAINT ${quoteIdent(change.check.name as string)}`, feature: "alterConstraints" }
        : { kind: "rebuild", reason: `dropped CHECK (${change.check.expr})` };
    case "AddIndex":
    case "DropIndex":
    case "ColumnOrder":
      return { kind: "elsewhere" };
    case "DropForeignKey":
      return { kind: "rebuild", reason: `dropped foreign key (${change.foreignKey.columns.join(", ")}) -> ${change.foreignKey.refTable}` };
    case "AddPrimaryKey":
    case "DropPrimaryKey":
    case "ChangePrimaryKey":
      return { kind: "rebuild", reason: "primary key changes" };
    case "AddUnique":
      return { kind: "rebuild", reason: `new UNIQUE (${change.unique.columns.join(", ")})` };
    case "DropUnique":
      return { kind: "rebuild", reason: `dropped UNIQUE (${change.unique.columns.join(", ")})` };
    case "ChangeTableOptions":
      return { kind: "rebuild", reason: optionsReason(change.from, change.to) };
    default:
      return assertNever(change);
  }
}

function optionsReason(from: { strict: boolean; withoutRowid: boolean }, to: { strict: boolean; withoutRowid: boolean }): string {
  const parts: string[] = [];
  if (from.strict !== to.strict) parts.push(to.strict ? "becomes STRICT" : "stops being STRICT");
  if (from.withoutRowid !== to.withoutRowid) parts.push(to.withoutRowid ? "becomes WITHOUT ROWID" : "gets a rowid");
  return `table ${parts.join(" and ")}`;
}

const ROWID_NAME = "is named like the rowid (SQLite 3.54+ refuses to add, drop or rename such a column in place)";

/**
 * True when `name` is one of the rowid's names (rowid, oid, _rowid_) on a rowid table: since
 * 3.54 SQLite refuses ADD COLUMN, DROP COLUMN and RENAME COLUMN from or to such a name
 * ("cannot add rowid alias"), so those changes rebuild (https://www.sqlite.org/lang_createtable.html#rowid).
 */
export function shadowsRowid(name: string, table: Table): boolean {
  return !table.withoutRowid && ["rowid", "oid", "_rowid_"].includes(asciiLower(name));
}

/** Renames run first, on the table as it is: whether it has a rowid now is what counts. */
function renamesRowidName(change: RenameColumn, modify: ModifyTable): boolean {
  return shadowsRowid(change.from, modify.from) || shadowsRowid(change.to, modify.from);
}

/**
 * `name` is the column's new name in `table` (the current table with renames applied).
 * SQLite (3.40 to 3.54 at least) fails RENAME COLUMN of a WITHOUT ROWID table's single-column
 * `INTEGER PRIMARY KEY` when a table-level UNIQUE constraint names it: "error in table t after
 * rename: no such column: a". Such a rename moves by rebuild.
 */
function uniqueIntegerKeyOfWithoutRowid(name: string, table: Table): boolean {
  const pk = table.primaryKey;
  const column = table.columns.find((c) => c.name === name);
  return (
    table.withoutRowid &&
    pk !== null &&
    pk.columns.length === 1 &&
    pk.columns[0] === name &&
    column !== undefined &&
    column.type.toUpperCase() === "INTEGER" &&
    table.uniques.some((u) => u.columns.includes(name))
  );
}

/**
 * True when a column rename runs as RENAME COLUMN, which also rewrites the foreign keys of other
 * tables that name the column; false when it moves by rebuild, which rewrites nothing elsewhere.
 */
export function renamesInPlace(change: RenameColumn, modify: ModifyTable, target: string): boolean {
  return supports(target, "renameColumn") && !renamesRowidName(change, modify) && !uniqueIntegerKeyOfWithoutRowid(change.to, modify.from);
}

/** Why `column` cannot be added with ADD COLUMN (https://www.sqlite.org/lang_altertable.html#altertabaddcol), or null. */
export function addColumnObstacle(column: Column, table: Table): string | null {
  if (shadowsRowid(column.name, table)) return ROWID_NAME;
  if (table.primaryKey?.columns.includes(column.name)) return "is part of the primary key";
  if (table.uniques.some((u) => u.columns.includes(column.name))) return "is UNIQUE";
  if (column.generated?.stored) return "is GENERATED ... STORED";
  if (column.default !== null && !isLiteralDefault(column.default)) return `has a non-constant default (${column.default})`;
  if (column.notNull && column.generated === null && !hasNonNullDefault(column)) return "is NOT NULL without a default";
  const fks = table.foreignKeys.filter((f) => f.columns.includes(column.name));
  if (fks.length > 1 || fks.some((f) => f.columns.length > 1)) return "is part of a multi-column foreign key";
  if (fks.length === 1 && hasNonNullDefault(column)) return "has REFERENCES and a non-NULL default";
  return null;
}

function inlineForeignKey(column: Column, table: Table): ForeignKey | null {
  return table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === column.name) ?? null;
}

/** Why DROP COLUMN would fail (https://www.sqlite.org/lang_altertable.html#altertabdropcol), or null. */
function dropColumnObstacle(name: string, modify: ModifyTable, ctx: AlterContext): string | null {
  const table = modify.from;
  if (shadowsRowid(name, table)) return `it ${ROWID_NAME}`;
  if (table.primaryKey?.columns.includes(name)) return "it is part of the primary key";
  if (table.uniques.some((u) => u.columns.includes(name))) return "it is UNIQUE";
  if (table.foreignKeys.some((f) => f.columns.includes(name))) return "it is in a foreign key";
  const droppedIndexes = new Set(modify.changes.flatMap((c) => (c.kind === "DropIndex" ? [c.index.name] : [])));
  for (const index of table.indexes) {
    if (droppedIndexes.has(index.name)) continue;
    const used = index.keys.some((k) => k.column === name || (k.expr !== null && mentions(k.expr, name)));
    if (used || (index.where !== null && mentions(index.where, name))) return `index ${index.name} uses it`;
  }
  const others = table.columns.filter((c) => c.name !== name);
  if (table.checks.some((k) => mentions(k.expr, name)) || others.some((c) => c.checks.some((k) => mentions(k.expr, name)))) {
    return "a CHECK constraint uses it";
  }
  if (others.some((c) => c.generated !== null && mentions(c.generated.expr, name))) return "a generated column uses it";
  for (const s of ctx.survivors) {
    const onTable = s.table === table.name || mentions(s.sql, table.name);
    if (onTable && mentions(s.sql, name)) return `${s.name} uses it`;
  }
  return null;
}

function modifyColumnVerdict(from: Column, to: Column, aspects: readonly string[], t: string, ctx: AlterContext): Verdict {
  const inPlace = supports(ctx.target, "alterConstraints") && from.generated === null;
  const onlyNullability = aspects.length === 1 && aspects[0] === "notNull";
  if (inPlace && onlyNullability) {
    const action = to.notNull ? "SET NOT NULL" : "DROP NOT NULL";
    return { kind: "alter", sql: `${ALTER(t)} ALTER COLUMN ${quoteIdent(to.name)} ${action}`, feature: "alterConstraints" };
  }
  return { kind: "rebuild", reason: `column ${to.name} changes ${aspects.map(describeAspect).join(", ")}` };
}

function describeAspect(aspect: string): string {
  return aspect === "notNull" ? "NOT NULL" : aspect === "checks" ? "CHECK" : aspect;
}

function uniquelyNamed(check: CheckConstraint, table: Table): boolean {
  if (check.name === null) return false;
  const named = (k: CheckConstraint): boolean => k.name !== null && sameName(k.name, check.name as string);
  return table.checks.filter(named).length + table.columns.reduce((n, c) => n + c.checks.filter(named).length, 0) === 1;
}

function checkClause(check: CheckConstraint): string {
  return `${check.name === null ? "" : `CONSTRAINT ${quoteIdent(check.name)} `}CHECK (${check.expr})`;
}

/** `"name" TYPE NOT NULL DEFAULT ... COLLATE ... GENERATED ... CHECK (...) REFERENCES ...` for ADD COLUMN. */
export function renderColumnDefinition(column: Column, fk: ForeignKey | null): string {
  const parts = [quoteIdent(column.name)];
  if (column.type !== "") parts.push(column.type);
  if (column.notNull) parts.push("NOT NULL");
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  if (column.collate !== null) parts.push(`COLLATE ${quoteIdentIfNeeded(column.collate)}`);
  if (column.generated !== null) {
    parts.push(`GENERATED ALWAYS AS (${column.generated.expr}) ${column.generated.stored ? "STORED" : "VIRTUAL"}`);
  }
  for (const check of column.checks) parts.push(checkClause(check));
  if (fk !== null) parts.push(referencesClause(fk));
  return parts.join(" ");
}

function referencesClause(fk: ForeignKey): string {
  const cols = fk.refColumns.length > 0 ? ` (${fk.refColumns.map(quoteIdent).join(", ")})` : "";
  const parts = [`${fk.name === null ? "" : `CONSTRAINT ${quoteIdent(fk.name)} `}REFERENCES ${quoteIdent(fk.refTable)}${cols}`];
  if (fk.onDelete !== "NO ACTION") parts.push(`ON DELETE ${fk.onDelete}`);
  if (fk.onUpdate !== "NO ACTION") parts.push(`ON UPDATE ${fk.onUpdate}`);
  if (fk.deferred) parts.push("DEFERRABLE INITIALLY DEFERRED");
  return parts.join(" ");
}
