/**
 * Reads a database's schema into the model with a fixed number of catalog queries, whatever
 * the number of tables: sqlite_schema, PRAGMA table_list, and table_xinfo / foreign_key_list /
 * index_xinfo each joined to a JSON list of names (https://www.sqlite.org/pragma.html#pragfunc).
 */
import type { Connection } from "../db/driver.js";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import type { Schema, Table, Trigger, View, VirtualTable } from "../model.js";
import { type CanonicalOptions, canonicalExprTokens, canonicalSpacing, canonicalTokens } from "./canonical.js";
import { type ParsedView, type ParsedVirtualTable, parseCreateTrigger, parseCreateView, parseCreateVirtualTable } from "./ddl-objects.js";
import { type TableRows, buildTable } from "./introspect-table.js";
import { asciiLower, sortByName } from "./names.js";
import {
  CATALOG_SQL,
  type ForeignKeyListRow,
  type IndexXInfoRow,
  type SchemaRow,
  type TableListRow,
  type TableXInfoRow,
} from "./pragma-rows.js";
import { quoteIdent, quoteIdentIfNeeded } from "./quote.js";

/** What to leave out besides SQLite's own objects and schemadiff's `_schemadiff*` tables. */
export interface IntrospectOptions {
  readonly ignore?: (name: string) => boolean;
  /** The rows of `CATALOG_SQL.schema`, when the caller has just read them (the schema cache keys on them). */
  readonly schemaRows?: readonly SchemaRow[];
}

/** Reads the schema of `conn`; SQLite errors become a DB_CORRUPT diagnostic, never a throw. */
export function introspect(conn: Connection, options: IntrospectOptions = {}): Result<Schema> {
  let catalog: Catalog;
  try {
    catalog = readCatalog(conn, options.ignore ?? (() => false), options.schemaRows);
  } catch (e) {
    return fail({
      code: "DB_CORRUPT",
      message: `cannot read the database schema: ${errorText(e)}`,
      hint: "check the file with `sqlite3 FILE 'PRAGMA integrity_check'`",
    });
  }
  return buildSchema(catalog);
}

interface Catalog {
  readonly tables: readonly { readonly row: SchemaRow; readonly list: TableListRow }[];
  readonly indexes: readonly SchemaRow[];
  readonly views: readonly SchemaRow[];
  readonly triggers: readonly SchemaRow[];
  readonly virtualTables: readonly { readonly row: SchemaRow; readonly parsed: ParsedVirtualTable | string }[];
  readonly columns: readonly TableXInfoRow[];
  readonly foreignKeys: readonly ForeignKeyListRow[];
  readonly indexKeys: readonly IndexXInfoRow[];
}

/** SQLite's own objects (names starting `sqlite_`, any case) and schemadiff's bookkeeping. */
function isInternal(name: string): boolean {
  const lower = asciiLower(name);
  return lower.startsWith("sqlite_") || lower.startsWith("_schemadiff");
}

/**
 * Shadow tables of well-known modules, for when this SQLite build lacks the module and so
 * PRAGMA table_list cannot call them "shadow" (https://www.sqlite.org/vtab.html#xshadowname).
 */
const SHADOW_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  fts3: ["content", "segments", "segdir", "docsize", "stat"],
  fts4: ["content", "segments", "segdir", "docsize", "stat"],
  fts5: ["data", "idx", "content", "docsize", "config"],
  rtree: ["node", "parent", "rowid"],
  rtree_i32: ["node", "parent", "rowid"],
  geopoly: ["node", "parent", "rowid"],
};

function readCatalog(conn: Connection, ignore: (name: string) => boolean, rows?: readonly SchemaRow[]): Catalog {
  const schemaRows = rows ?? conn.query<SchemaRow>(CATALOG_SQL.schema);
  const objects = selectObjects(schemaRows, conn.query<TableListRow>(CATALOG_SQL.tableList), ignore);
  return { ...objects, ...readDetails(conn, objects.tables.map((t) => t.row.name), objects.indexes.map((r) => r.name)) };
}

/** The objects of a catalog: which rows of sqlite_schema are read, as what. */
type CatalogObjects = Omit<Catalog, "columns" | "foreignKeys" | "indexKeys">;

/** Sorts the rows of sqlite_schema into what the model holds (pure). */
function selectObjects(objects: readonly SchemaRow[], tableList: readonly TableListRow[], ignore: (name: string) => boolean): CatalogObjects {
  const listed = new Map(tableList.map((r) => [r.name, r]));
  const keep = (r: SchemaRow): boolean => r.sql !== null && !isInternal(r.name) && !ignore(r.name);
  const virtualTables = objects
    .filter((r) => r.type === "table" && listed.get(r.name)?.type === "virtual" && keep(r))
    .map((row) => ({ row, parsed: parseCreateVirtualTable(row.sql ?? "") }));
  const shadows = new Set<string>();
  for (const v of virtualTables) {
    const module = typeof v.parsed === "string" ? "" : asciiLower(v.parsed.module);
    for (const suffix of SHADOW_SUFFIXES[module] ?? []) shadows.add(asciiLower(`${v.row.name}_${suffix}`));
  }
  const tables = objects.flatMap((row) => {
    const list = listed.get(row.name);
    const ordinary = row.type === "table" && list?.type === "table" && !shadows.has(asciiLower(row.name));
    return ordinary && keep(row) ? [{ row, list }] : [];
  });
  const tableNames = new Set(tables.map((t) => t.row.name));
  const relations = new Set([...tableNames, ...objects.filter((r) => r.type === "view").map((r) => r.name)].map(asciiLower));
  return {
    tables,
    indexes: objects.filter((r) => r.type === "index" && tableNames.has(r.tbl_name) && keep(r)),
    views: objects.filter((r) => r.type === "view" && keep(r)),
    triggers: objects.filter((r) => r.type === "trigger" && keep(r) && relations.has(asciiLower(r.tbl_name)) && !ignore(r.tbl_name)),
    virtualTables,
  };
}

/** The PRAGMA rows of these tables and indexes: three queries, whatever their number. */
function readDetails(conn: Connection, tables: readonly string[], indexes: readonly string[]): Pick<Catalog, "columns" | "foreignKeys" | "indexKeys"> {
  const names = JSON.stringify(tables);
  return {
    columns: conn.query<TableXInfoRow>(CATALOG_SQL.tableXInfo, [names]),
    foreignKeys: conn.query<ForeignKeyListRow>(CATALOG_SQL.foreignKeyList, [names]),
    indexKeys: conn.query<IndexXInfoRow>(CATALOG_SQL.indexXInfo, [JSON.stringify(indexes)]),
  };
}

/** What one database of a schema spread over several holds of its own (see `readSchemaPart`). */
export interface SchemaPart {
  readonly objects: readonly SchemaRow[];
  readonly tableList: readonly TableListRow[];
  readonly columns: readonly TableXInfoRow[];
  readonly foreignKeys: readonly ForeignKeyListRow[];
  readonly indexKeys: readonly IndexXInfoRow[];
}

/**
 * The catalog rows of the objects of `conn` that `owns` accepts (the others are there only to
 * support them), with the same five queries as `introspect`; the database may be closed then.
 * Throws on SQLite errors.
 */
export function readSchemaPart(conn: Connection, owns: (row: SchemaRow) => boolean): SchemaPart {
  const objects = conn.query<SchemaRow>(CATALOG_SQL.schema).filter(owns);
  const own = new Set(objects.map((o) => o.name));
  const tableList = conn.query<TableListRow>(CATALOG_SQL.tableList).filter((l) => own.has(l.name));
  const listed = new Map(tableList.map((l) => [l.name, l]));
  // Every ordinary table and every index of its own: more than the model may keep, never less.
  const readable = (r: SchemaRow): boolean => r.sql !== null && !isInternal(r.name);
  const tables = objects.filter((r) => r.type === "table" && listed.get(r.name)?.type === "table" && readable(r));
  const indexes = objects.filter((r) => r.type === "index" && readable(r));
  return { objects, tableList, ...readDetails(conn, tables.map((r) => r.name), indexes.map((r) => r.name)) };
}

/** Rank of an object kind in a database that created its tables, then indexes, views and triggers. */
const KIND_ORDER: Readonly<Record<string, number>> = { table: 0, index: 1, view: 2, trigger: 3 };

/**
 * Reads one schema spread over several databases, as `introspect` reads it from one database
 * holding all the parts' own objects, created part after part, kind by kind (tables, then
 * indexes, views, triggers). The scratch database of a big schema is split this way
 * (src/load/normalise.ts).
 */
export function introspectParts(parts: readonly SchemaPart[]): Result<Schema> {
  // A stable sort by kind: each part lists its objects in the order they were created.
  const objects = parts.flatMap((p) => p.objects).sort((a, b) => (KIND_ORDER[a.type] ?? 4) - (KIND_ORDER[b.type] ?? 4));
  const selected = selectObjects(objects, parts.flatMap((p) => p.tableList), () => false);
  // Rows of tables or indexes the selection leaves out are never looked up (buildSchema groups by name).
  return buildSchema({
    ...selected,
    columns: parts.flatMap((p) => p.columns),
    foreignKeys: parts.flatMap((p) => p.foreignKeys),
    indexKeys: parts.flatMap((p) => p.indexKeys),
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

function unsupported(kind: string, name: string, reason: string): Diagnostic {
  return {
    code: "DB_UNSUPPORTED",
    message: `${kind} ${quoteIdent(name)}: ${reason}`,
    hint: "leave it out with an ignore rule, or report the CREATE statement to schemadiff",
  };
}

function buildSchema(catalog: Catalog): Result<Schema> {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const columnsOf = groupBy(catalog.columns, (r) => r.tbl);
  const fksOf = groupBy(catalog.foreignKeys, (r) => r.tbl);
  const keysOf = groupBy(catalog.indexKeys, (r) => r.idx);
  const indexesOf = groupBy(catalog.indexes, (r) => r.tbl_name);

  const tables: Table[] = [];
  for (const { row, list } of catalog.tables) {
    const built = buildTable({
      name: row.name,
      sql: row.sql ?? "",
      withoutRowid: list.wr === 1,
      strict: list.strict === 1,
      columns: columnsOf.get(row.name) ?? [],
      foreignKeys: fksOf.get(row.name) ?? [],
      indexes: (indexesOf.get(row.name) ?? []).map((i) => ({ name: i.name, sql: i.sql ?? "", keys: keysOf.get(i.name) ?? [] })),
    } satisfies TableRows);
    if (!built.ok) {
      errors.push(unsupported("table", row.name, built.reason));
      continue;
    }
    tables.push(built.table);
    for (const what of built.unmodelled) {
      warnings.push({
        code: "WARN_UNMODELLED",
        message: `table ${quoteIdent(row.name)}: ${what} is not modelled; it is not compared and a rebuild of the table drops it`,
      });
    }
  }

  const known = new Set<string>();
  for (const t of tables) [t.name, ...t.columns.map((c) => c.name)].forEach((n) => known.add(asciiLower(n)));
  for (const r of [...catalog.views, ...catalog.virtualTables.map((v) => v.row)]) known.add(asciiLower(r.name));
  const parsedViews: { readonly name: string; readonly parsed: ParsedView }[] = [];
  for (const row of catalog.views) {
    const parsed = parseCreateView(row.sql ?? "");
    if (typeof parsed === "string") {
      errors.push(unsupported("view", row.name, parsed));
      continue;
    }
    parsed.columns?.forEach((c) => known.add(asciiLower(c)));
    parsedViews.push({ name: row.name, parsed });
  }
  // Only names of this schema are identifiers; any other double-quoted word may be a string.
  const options: CanonicalOptions = { resolve: (name) => (known.has(asciiLower(name)) ? name : undefined) };
  const views = parsedViews.map(({ name, parsed }): View => ({
    name,
    columns: parsed.columns,
    select: canonicalTokens(parsed.select, options),
  }));

  const relations = new Map([...tables, ...views].map((r) => [asciiLower(r.name), r.name]));
  const triggers: Trigger[] = [];
  for (const row of catalog.triggers) {
    const parsed = parseCreateTrigger(row.sql ?? "");
    if (typeof parsed === "string") {
      errors.push(unsupported("trigger", row.name, parsed));
      continue;
    }
    triggers.push({
      name: row.name,
      table: relations.get(asciiLower(row.tbl_name)) ?? row.tbl_name,
      timing: parsed.timing,
      event: parsed.event,
      ofColumns: parsed.ofColumns,
      when: parsed.when === null ? null : canonicalExprTokens(parsed.when, options),
      body: parsed.statements.map((s) => `${canonicalTokens(s, options)};`).join("\n"),
    });
  }

  const virtualTables: VirtualTable[] = [];
  for (const { row, parsed } of catalog.virtualTables) {
    if (typeof parsed === "string") {
      errors.push(unsupported("virtual table", row.name, parsed));
      continue;
    }
    const module = asciiLower(parsed.module);
    const args = parsed.args === null ? "" : `(${canonicalSpacing(parsed.args)})`;
    virtualTables.push({ name: row.name, module, sql: `CREATE VIRTUAL TABLE ${quoteIdentIfNeeded(row.name)} USING ${quoteIdentIfNeeded(module)}${args}` });
  }

  if (errors.length > 0) return fail(...errors);
  const schema: Schema = {
    tables: sortByName(tables),
    views: sortByName(views),
    triggers: sortByName(triggers),
    virtualTables: sortByName(virtualTables),
  };
  return ok(schema, warnings);
}
