/**
 * How to spread the scratch database of a big schema over several small ones (normalise.ts).
 * SQLite re-reads its schema table after every CREATE, with a full scan of sqlite_schema
 * (OP_ParseSchema, https://www.sqlite.org/opcode.html#ParseSchema), so one database of N objects
 * costs O(N²): 4,000 statements for 1,000 tables. In databases of a bounded size it is linear.
 *
 * A CREATE TABLE or CREATE INDEX needs nothing but its own table; the checks that look further
 * get what they read: a foreign key check its parent tables with their UNIQUE indexes (the only
 * ones it looks at, https://www.sqlite.org/foreignkeys.html#fk_indexes), a view or trigger every
 * table any of their SQL names, with all its indexes (INDEXED BY). Tables go in runs of declared
 * order, each with the parents of its foreign keys as supporting tables; every view and trigger
 * goes in one more database, with the tables they name. Each object is read back from the one
 * database that owns it.
 */
import type { Index, Schema, Table, Trigger, View } from "../model.js";
import { asciiLower as fold } from "../sqlite/names.js";
import { renderCreateTrigger, renderCreateView } from "../sqlite/render.js";
import { tokenizeChecked } from "../sqlite/tokenize.js";

/** Tables and indexes owned by one scratch database (supporting tables come on top). */
export const CHUNK_OBJECTS = 128;

/** One scratch database: what to create in it, and which objects are read back from it. */
export interface Chunk {
  /** Tables to create, in declared order: owned ones and supporting ones. */
  readonly tables: readonly Table[];
  /** Indexes to create, in the order of their tables: all of owned tables, what supporting ones need. */
  readonly indexes: readonly Index[];
  /** Owned tables that have foreign keys, to check in this database. */
  readonly foreignKeyChecks: readonly Table[];
  readonly views: readonly View[];
  readonly triggers: readonly Trigger[];
  /** Folded names of the tables, indexes and views this database owns. */
  readonly relations: ReadonlySet<string>;
  /** Folded names of the triggers this database owns. */
  readonly triggerNames: ReadonlySet<string>;
}

/**
 * The scratch databases for `schema`, or null when one database is the way: a schema of at most
 * `maxObjects` tables and indexes, virtual tables (a module may create or read any table), a
 * foreign key to a view, names that clash, or view or trigger SQL that does not tokenize. Null
 * never changes a result, only how long it takes to get it.
 */
export function planChunks(schema: Schema, maxObjects: number = CHUNK_OBJECTS): Chunk[] | null {
  const objects = schema.tables.reduce((n, t) => n + 1 + t.indexes.length, 0);
  if (objects <= maxObjects || schema.virtualTables.length > 0) return null;
  // Names that clash would fail in one database and may not in several: leave those to one.
  const names = [...schema.tables.flatMap((t) => [t.name, ...t.indexes.map((i) => i.name)]), ...schema.views.map((v) => v.name)];
  if (new Set(names.map(fold)).size !== names.length) return null;
  if (new Set(schema.triggers.map((t) => fold(t.name))).size !== schema.triggers.length) return null;
  const tables = new Map(schema.tables.map((t) => [fold(t.name), t]));
  const views = new Set(schema.views.map((v) => fold(v.name)));
  if (schema.tables.some((t) => t.foreignKeys.some((fk) => views.has(fold(fk.refTable))))) return null;

  const order = new Map(schema.tables.map((t, k) => [t, k]));
  const inOrder = (list: Iterable<Table>): Table[] => [...new Set(list)].sort((a, b) => order.get(a)! - order.get(b)!);
  const chunks: Chunk[] = [];
  let run: Table[] = [];
  let size = 0;
  const flush = (): void => {
    if (run.length === 0) return;
    const parents: Table[] = [];
    for (const t of run) {
      for (const fk of t.foreignKeys) {
        const parent = tables.get(fold(fk.refTable));
        if (parent !== undefined) parents.push(parent);
      }
    }
    const own = new Set(run);
    const tablesHere = inOrder([...run, ...parents]);
    chunks.push({
      tables: tablesHere,
      // A foreign key check looks for the parent's key among its UNIQUE indexes without a WHERE.
      indexes: tablesHere.flatMap((t) => (own.has(t) ? t.indexes : t.indexes.filter((i) => i.unique && i.where === null))),
      foreignKeyChecks: run.filter((t) => t.foreignKeys.length > 0),
      views: [],
      triggers: [],
      relations: new Set(run.flatMap((t) => [fold(t.name), ...t.indexes.map((i) => fold(i.name))])),
      triggerNames: new Set(),
    });
    run = [];
    size = 0;
  };
  for (const t of schema.tables) {
    const n = 1 + t.indexes.length;
    if (size + n > maxObjects) flush();
    run.push(t);
    size += n;
  }
  flush();

  if (schema.views.length > 0 || schema.triggers.length > 0) {
    const sqls = [...schema.views.map((v) => renderCreateView(v)), ...schema.triggers.map((t) => renderCreateTrigger(t))];
    const named = namedTables(sqls, tables);
    if (named === null) return null;
    const tablesHere = inOrder(named);
    chunks.push({
      tables: tablesHere,
      indexes: tablesHere.flatMap((t) => t.indexes),
      foreignKeyChecks: [],
      views: schema.views,
      triggers: schema.triggers,
      relations: views,
      triggerNames: new Set(schema.triggers.map((t) => fold(t.name))),
    });
  }
  return chunks;
}

/**
 * The tables whose name any token of `sqls` spells: identifiers, keywords (many can be names)
 * and strings (SQLite takes `'t'` for a name where one is expected). Null when a text does not
 * tokenize. A superset of what the statements read is harmless: nothing else touches them.
 */
function namedTables(sqls: readonly string[], tables: ReadonlyMap<string, Table>): Set<Table> | null {
  const out = new Set<Table>();
  for (const sql of sqls) {
    const { tokens, error } = tokenizeChecked(sql);
    if (error !== null) return null;
    for (const t of tokens) {
      if (t.kind !== "ident" && t.kind !== "keyword" && t.kind !== "string") continue;
      const table = tables.get(fold(t.kind === "keyword" ? t.text : t.value));
      if (table !== undefined) out.add(table);
    }
  }
  return out;
}
