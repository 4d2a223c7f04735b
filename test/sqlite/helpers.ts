/** Builders and a fresh sql.js database for the sqlite room's tests. */
import type { Connection } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import type { Column, Index, IndexKey, Schema, Table } from "../../src/model.js";
import { introspect } from "../../src/sqlite/introspect.js";

/** A new in-memory database with `ddl` executed. */
export async function memoryDb(ddl = ""): Promise<Connection> {
  const db = (await loadSqlJs()).memory();
  if (ddl !== "") db.exec(ddl);
  return db;
}

/** The introspected schema of `ddl`, failing the test on any diagnostic. */
export async function schemaOf(ddl: string): Promise<Schema> {
  const db = await memoryDb(ddl);
  try {
    const r = introspect(db);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    return r.value;
  } finally {
    db.close();
  }
}

/** The one table of `ddl` named `name`. */
export async function tableOf(ddl: string, name: string): Promise<Table> {
  const t = (await schemaOf(ddl)).tables.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no table ${name}`);
  return t;
}

/** A column with every optional part empty. */
export function column(name: string, over: Partial<Column> = {}): Column {
  return { name, type: "", notNull: false, default: null, collate: null, generated: null, checks: [], ...over };
}

/** A table with every optional part empty. */
export function table(name: string, columns: readonly Column[], over: Partial<Table> = {}): Table {
  return { name, columns, primaryKey: null, uniques: [], checks: [], foreignKeys: [], indexes: [], strict: false, withoutRowid: false, ...over };
}

/** An index key on a column. */
export function colKey(column: string, over: Partial<IndexKey> = {}): IndexKey {
  return { column, expr: null, collate: null, desc: false, ...over };
}

/** An index key on an expression. */
export function exprKey(expr: string, over: Partial<IndexKey> = {}): IndexKey {
  return { column: null, expr, collate: null, desc: false, ...over };
}

/** An index with defaults. */
export function index(name: string, tbl: string, keys: readonly IndexKey[], over: Partial<Index> = {}): Index {
  return { name, table: tbl, unique: false, keys, where: null, ...over };
}
