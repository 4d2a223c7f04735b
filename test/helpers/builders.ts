/**
 * Small builders for model values in tests: every field has a plain default, so a test states
 * only what it is about. The results are ordinary readonly model data.
 */
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Hints,
  Index,
  IndexKey,
  PrimaryKey,
  Schema,
  Table,
  Trigger,
  UniqueConstraint,
  View,
  VirtualTable,
} from "../../src/model.js";
import { compareNames } from "../../src/sqlite/names.js";

/** A column: nullable, untyped unless given. */
export function col(name: string, type = "", extra: Partial<Column> = {}): Column {
  return { name, type, notNull: false, default: null, collate: null, generated: null, checks: [], ...extra };
}

/** A table with the given columns; every other list empty. */
export function table(name: string, columns: readonly Column[], extra: Partial<Table> = {}): Table {
  return {
    name,
    columns,
    primaryKey: null,
    uniques: [],
    checks: [],
    foreignKeys: [],
    indexes: [],
    strict: false,
    withoutRowid: false,
    ...extra,
    ...(extra.indexes ? { indexes: [...extra.indexes].sort((a, b) => compareNames(a.name, b.name)) } : {}),
  };
}

/** A primary key over `columns`. */
export function pk(columns: readonly string[], extra: Partial<PrimaryKey> = {}): PrimaryKey {
  return { name: null, columns, autoincrement: false, desc: false, onConflict: null, ...extra };
}

/** A UNIQUE constraint. */
export function unique(columns: readonly string[], extra: Partial<UniqueConstraint> = {}): UniqueConstraint {
  return { name: null, columns, onConflict: null, ...extra };
}

/** A CHECK constraint (expression in canonical form). */
export function check(expr: string, name: string | null = null): CheckConstraint {
  return { name, expr };
}

/** A foreign key `columns -> refTable(refColumns)`. */
export function fk(columns: readonly string[], refTable: string, refColumns: readonly string[] = [], extra: Partial<ForeignKey> = {}): ForeignKey {
  return { name: null, columns, refTable, refColumns, onDelete: "NO ACTION", onUpdate: "NO ACTION", deferred: false, ...extra };
}

/** An index key on a column. */
export function key(column: string, extra: Partial<IndexKey> = {}): IndexKey {
  return { column, expr: null, collate: null, desc: false, ...extra };
}

/** An index key on an expression. */
export function exprKey(expr: string, extra: Partial<IndexKey> = {}): IndexKey {
  return { column: null, expr, collate: null, desc: false, ...extra };
}

/** An index over column names (or keys). */
export function index(name: string, tableName: string, keys: readonly (string | IndexKey)[], extra: Partial<Index> = {}): Index {
  return { name, table: tableName, unique: false, where: null, keys: keys.map((k) => (typeof k === "string" ? key(k) : k)), ...extra };
}

/** A view. */
export function view(name: string, select: string, columns: readonly string[] | null = null): View {
  return { name, select, columns };
}

/** A trigger (AFTER INSERT unless given). */
export function trigger(name: string, on: string, body: string, extra: Partial<Trigger> = {}): Trigger {
  return { name, table: on, timing: "AFTER", event: "INSERT", ofColumns: [], when: null, body, ...extra };
}

/** A virtual table. */
export function virtualTable(name: string, module: string, sql: string): VirtualTable {
  return { name, module, sql };
}

/** A schema; lists sorted by name as the model requires. */
export function schema(parts: Partial<Schema> = {}): Schema {
  const sorted = <T extends { name: string }>(xs: readonly T[] = []): T[] => [...xs].sort((a, b) => compareNames(a.name, b.name));
  return {
    tables: sorted(parts.tables),
    views: sorted(parts.views),
    triggers: sorted(parts.triggers),
    virtualTables: sorted(parts.virtualTables),
  };
}

/** Hints from plain objects: `{ tables: { new: "old" }, columns: { t: { new: "old" } }, backfills: { t: { c: "sql" } } }`. */
export function hints(h: {
  tables?: Record<string, string>;
  columns?: Record<string, Record<string, string>>;
  backfills?: Record<string, Record<string, string>>;
} = {}): Hints {
  const nested = (o: Record<string, Record<string, string>> = {}): Map<string, Map<string, string>> =>
    new Map(Object.entries(o).map(([k, v]) => [k, new Map(Object.entries(v))]));
  return {
    tableRenames: new Map(Object.entries(h.tables ?? {})),
    columnRenames: nested(h.columns),
    backfills: nested(h.backfills),
  };
}
