/**
 * Typed rows of the catalog queries the introspector runs (https://www.sqlite.org/pragma.html,
 * https://www.sqlite.org/schematab.html). Each PRAGMA is read through its table-valued function
 * joined to a JSON list of object names, so one query covers every table.
 */
import type { SqlValue } from "../db/driver.js";

/** A row of `sqlite_schema` (https://www.sqlite.org/schematab.html). */
export interface SchemaRow {
  [key: string]: SqlValue;
  readonly type: string;
  readonly name: string;
  readonly tbl_name: string;
  /** Null for automatic indexes. */
  readonly sql: string | null;
}

/** `PRAGMA table_list` (https://www.sqlite.org/pragma.html#pragma_table_list), SQLite 3.37+. */
export interface TableListRow {
  [key: string]: SqlValue;
  readonly schema: string;
  readonly name: string;
  readonly type: "table" | "view" | "shadow" | "virtual";
  readonly ncol: number;
  /** 1 for WITHOUT ROWID. */
  readonly wr: number;
  readonly strict: number;
}

/** `PRAGMA table_xinfo` (https://www.sqlite.org/pragma.html#pragma_table_xinfo), prefixed by the table name. */
export interface TableXInfoRow {
  [key: string]: SqlValue;
  readonly tbl: string;
  readonly cid: number;
  readonly name: string;
  /** Declared type as written, "" when none. */
  readonly type: string;
  readonly notnull: number;
  /** The DEFAULT text without its outer parentheses; we read DEFAULT from the CREATE text instead. */
  readonly dflt_value: string | null;
  /** 1-based position in the primary key, 0 when not part of it. */
  readonly pk: number;
  /** 0 normal, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED. */
  readonly hidden: number;
}

/** `PRAGMA index_xinfo` (https://www.sqlite.org/pragma.html#pragma_index_xinfo), prefixed by the index name. */
export interface IndexXInfoRow {
  [key: string]: SqlValue;
  readonly idx: string;
  readonly seqno: number;
  /** Table column number; -1 the rowid, -2 an expression. */
  readonly cid: number;
  readonly name: string | null;
  readonly desc: number;
  readonly coll: string;
  /** 1 for key columns, 0 for the auxiliary columns every index carries. */
  readonly key: number;
}

/** `PRAGMA foreign_key_list` (https://www.sqlite.org/pragma.html#pragma_foreign_key_list), prefixed by the table name. */
export interface ForeignKeyListRow {
  [key: string]: SqlValue;
  readonly tbl: string;
  /** Constraint number; the LAST declared constraint has id 0. */
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  /** Null when the constraint names no parent columns. */
  readonly to: string | null;
  readonly on_update: string;
  readonly on_delete: string;
  readonly match: string;
}

/** The catalog queries; `?` is a JSON array of object names. */
export const CATALOG_SQL = {
  schema: "SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid",
  tableList: "SELECT schema, name, type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main'",
  tableXInfo:
    "SELECT j.value AS tbl, p.* FROM json_each(?) AS j JOIN pragma_table_xinfo(j.value, 'main') AS p ORDER BY j.key, p.cid",
  indexXInfo:
    "SELECT j.value AS idx, p.* FROM json_each(?) AS j JOIN pragma_index_xinfo(j.value, 'main') AS p ORDER BY j.key, p.seqno",
  foreignKeyList:
    "SELECT j.value AS tbl, p.* FROM json_each(?) AS j JOIN pragma_foreign_key_list(j.value, 'main') AS p ORDER BY j.key, p.id, p.seq",
} as const;
