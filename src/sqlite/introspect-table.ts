/**
 * Builds one model Table from its catalog rows: PRAGMAs for what SQLite resolved (types,
 * NOT NULL, key columns, foreign key targets, index columns), the stored CREATE text for what
 * PRAGMAs hide (names, CHECKs, DEFAULT as written, COLLATE, GENERATED, conflict clauses).
 */
import type {
  CheckConstraint,
  Column,
  ConflictClause,
  ForeignKey,
  ForeignKeyAction,
  Index,
  IndexKey,
  PrimaryKey,
  Table,
  UniqueConstraint,
} from "../model.js";
import { type CanonicalOptions, canonicalExprTokens, canonicalTokens } from "./canonical.js";
import { parseCreateIndex } from "./ddl-objects.js";
import { type ParsedCheck, type ParsedKey, type ParsedTable, parseCreateTable } from "./ddl-table.js";
import { asciiLower, asciiUpper, compareNames, sameName, sortByName } from "./names.js";
import type { ForeignKeyListRow, IndexXInfoRow, TableXInfoRow } from "./pragma-rows.js";

/** Everything the catalog says about one table. */
export interface TableRows {
  readonly name: string;
  readonly sql: string;
  readonly withoutRowid: boolean;
  readonly strict: boolean;
  readonly columns: readonly TableXInfoRow[];
  readonly foreignKeys: readonly ForeignKeyListRow[];
  readonly indexes: readonly { readonly name: string; readonly sql: string; readonly keys: readonly IndexXInfoRow[] }[];
}

/** A table, what in it the model cannot hold, or why it could not be read. */
export type BuiltTable =
  | { readonly ok: true; readonly table: Table; readonly unmodelled: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const ACTIONS: readonly ForeignKeyAction[] = ["NO ACTION", "RESTRICT", "SET NULL", "SET DEFAULT", "CASCADE"];
/** Defaults cannot name columns, so no identifier in one resolves. */
const NO_NAMES: CanonicalOptions = { resolve: () => undefined };

/**
 * Parsed CREATE statements by their text. A plan introspects the live database and the scratch
 * one, and where they agree their statements are the very same text: each is parsed once. The
 * parsed forms never leave this module and are never modified; the memo holds a bounded amount.
 */
const parsedTables = new Map<string, ReturnType<typeof parseCreateTable>>();
const parsedIndexes = new Map<string, ReturnType<typeof parseCreateIndex>>();
/** Characters of SQL text the memo keeps before it starts over. */
const MEMO_CHARS = 4_000_000;
let memoChars = 0;

function memoized<T>(memo: Map<string, T>, sql: string, parse: (sql: string) => T): T {
  const hit = memo.get(sql);
  if (hit !== undefined) return hit;
  if (memoChars + sql.length > MEMO_CHARS) {
    parsedTables.clear();
    parsedIndexes.clear();
    memoChars = 0;
  }
  const parsed = parse(sql);
  memo.set(sql, parsed);
  memoChars += sql.length;
  return parsed;
}

/** Builds the model of one table. */
export function buildTable(rows: TableRows): BuiltTable {
  const parsed = memoized(parsedTables, rows.sql, parseCreateTable);
  if (typeof parsed === "string") return { ok: false, reason: `cannot read its CREATE TABLE statement: ${parsed}` };
  if (
    parsed.columns.length !== rows.columns.length ||
    parsed.columns.some((c, k) => !sameName(c.name, rows.columns[k].name))
  ) {
    return { ok: false, reason: "its CREATE TABLE statement and PRAGMA table_xinfo disagree on the columns" };
  }
  const byLower = new Map(rows.columns.map((c) => [asciiLower(c.name), c.name]));
  const resolve = (name: string): string | undefined => byLower.get(asciiLower(name));
  const options: CanonicalOptions = { resolve };
  const unmodelled = [...parsed.unmodelled];
  const checks = (list: readonly ParsedCheck[]): CheckConstraint[] =>
    list.map((c) => ({ name: c.name, expr: canonicalExprTokens(c.tokens, options) }));

  if (parsed.columns.some((c, k) => (c.generated === null ? 0 : c.generated.stored ? 3 : 2) !== rows.columns[k].hidden)) {
    return { ok: false, reason: "its generated columns and PRAGMA table_xinfo disagree" };
  }
  const columns = rows.columns.map((row, k): Column => {
    const p = parsed.columns[k];
    const stored = row.hidden === 3;
    return {
      name: row.name,
      type: row.type,
      notNull: row.notnull === 1,
      default:
        p.default === null
          ? null
          : p.default.parenthesised
            ? `(${canonicalExprTokens(p.default.tokens, NO_NAMES)})`
            : canonicalTokens(p.default.tokens, NO_NAMES),
      collate: p.collate === null ? null : asciiUpper(p.collate),
      generated: p.generated === null ? null : { expr: canonicalExprTokens(p.generated.tokens, options), stored },
      checks: checks(p.checks),
    };
  });

  const primaryKey = buildPrimaryKey(rows, parsed, resolve, unmodelled);
  if (typeof primaryKey === "string") return { ok: false, reason: primaryKey };
  const foreignKeys = buildForeignKeys(rows, parsed);
  if (typeof foreignKeys === "string") return { ok: false, reason: foreignKeys };
  const indexes: Index[] = [];
  for (const index of rows.indexes) {
    const built = buildIndex(rows.name, index, options);
    if (typeof built === "string") return { ok: false, reason: `index ${JSON.stringify(index.name)}: ${built}` };
    indexes.push(built);
  }
  const uniques = parsed.uniques.map((u) => buildUnique(u, resolve, unmodelled));
  const table: Table = {
    name: rows.name,
    columns,
    primaryKey,
    uniques: uniques.sort(compareUniques),
    checks: checks(parsed.checks).sort(byContent),
    foreignKeys: [...foreignKeys].sort(byContent),
    indexes: sortByName(indexes),
    strict: rows.strict,
    withoutRowid: rows.withoutRowid,
  };
  return { ok: true, table, unmodelled };
}

function keyTermsUnmodelled(key: ParsedKey, what: string, unmodelled: string[]): void {
  for (const t of key.terms) {
    if (t.collate !== null) unmodelled.push(`COLLATE ${t.collate} on column ${JSON.stringify(t.name)} of ${what}`);
    if (key.terms.length > 1 && t.desc) unmodelled.push(`DESC on column ${JSON.stringify(t.name)} of ${what}`);
  }
}

function buildPrimaryKey(
  rows: TableRows,
  parsed: ParsedTable,
  resolve: (name: string) => string | undefined,
  unmodelled: string[],
): PrimaryKey | null | string {
  const columns = rows.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const p = parsed.primaryKey;
  if (p === null) return columns.length === 0 ? null : "PRAGMA reports a primary key its CREATE TABLE statement lacks";
  if (p.terms.length !== columns.length || p.terms.some((t, k) => resolve(t.name) !== columns[k])) {
    return "its PRIMARY KEY and PRAGMA table_xinfo disagree";
  }
  keyTermsUnmodelled(p, "the PRIMARY KEY", unmodelled);
  const only = p.terms.length === 1 ? p.terms[0] : null;
  const type = rows.columns.find((c) => c.name === columns[0])?.type ?? "";
  // PRIMARY KEY(x DESC) at table level keeps an INTEGER x a rowid alias, where DESC means
  // nothing; written on the column it does not (https://www.sqlite.org/lang_createtable.html#rowid).
  const desc = only !== null && only.desc && (p.columnLevel || asciiUpper(type) !== "INTEGER");
  return { name: p.name, columns, autoincrement: p.autoincrement, desc, onConflict: p.onConflict };
}

function buildUnique(u: ParsedKey, resolve: (name: string) => string | undefined, unmodelled: string[]): UniqueConstraint {
  keyTermsUnmodelled(u, `UNIQUE (${u.terms.map((t) => t.name).join(", ")})`, unmodelled);
  return { name: u.name, columns: u.terms.map((t) => resolve(t.name) ?? t.name), onConflict: u.onConflict };
}

/** Uniques have no natural order (column- and table-level are one thing): by columns, then name. */
function compareUniques(a: UniqueConstraint, b: UniqueConstraint): number {
  for (let k = 0; k < Math.min(a.columns.length, b.columns.length); k++) {
    const d = compareNames(a.columns[k], b.columns[k]);
    if (d !== 0) return d;
  }
  if (a.columns.length !== b.columns.length) return a.columns.length - b.columns.length;
  return compareNames(a.name ?? "", b.name ?? "") || conflictRank(a.onConflict) - conflictRank(b.onConflict);
}

/**
 * Table CHECKs and FOREIGN KEYs are sets to SQLite, but their textual order moves: an in-place
 * `ADD COLUMN ... REFERENCES` lands before the table-level constraints. Sorting by content keeps
 * that from ever looking like drift.
 */
function byContent(a: object, b: object): number {
  return compareNames(JSON.stringify(a), JSON.stringify(b));
}

function conflictRank(c: ConflictClause | null): number {
  return c === null ? -1 : ["ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"].indexOf(c);
}

function buildForeignKeys(rows: TableRows, parsed: ParsedTable): ForeignKey[] | string {
  const byId = new Map<number, ForeignKeyListRow[]>();
  for (const r of rows.foreignKeys) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  // PRAGMA foreign_key_list numbers constraints from the last declared one.
  const groups = [...byId.entries()].sort((a, b) => b[0] - a[0]).map(([, g]) => g.sort((a, b) => a.seq - b.seq));
  if (groups.length !== parsed.foreignKeys.length) return "its foreign keys and PRAGMA foreign_key_list disagree";
  const out: ForeignKey[] = [];
  for (const [k, g] of groups.entries()) {
    const onDelete = ACTIONS.find((a) => a === g[0].on_delete);
    const onUpdate = ACTIONS.find((a) => a === g[0].on_update);
    if (onDelete === undefined || onUpdate === undefined) return `unknown foreign key action ${g[0].on_delete}/${g[0].on_update}`;
    out.push({
      name: parsed.foreignKeys[k].name,
      columns: g.map((r) => r.from),
      refTable: g[0].table,
      refColumns: g.every((r) => r.to !== null) ? g.map((r) => r.to ?? "") : [],
      onDelete,
      onUpdate,
      deferred: parsed.foreignKeys[k].deferred,
    });
  }
  return out;
}

function buildIndex(table: string, index: TableRows["indexes"][number], options: CanonicalOptions): Index | string {
  const parsed = memoized(parsedIndexes, index.sql, parseCreateIndex);
  if (typeof parsed === "string") return `cannot read its CREATE INDEX statement: ${parsed}`;
  const keys = index.keys.filter((k) => k.key === 1).sort((a, b) => a.seqno - b.seqno);
  if (keys.length !== parsed.terms.length) return "its CREATE INDEX statement and PRAGMA index_xinfo disagree";
  const out = keys.map((row, k): IndexKey => {
    const term = parsed.terms[k];
    const column = row.cid >= 0 ? row.name : null;
    return {
      column,
      expr: column === null ? canonicalExprTokens(term.tokens, options) : null,
      collate: term.collate === null ? null : asciiUpper(term.collate),
      desc: row.desc === 1,
    };
  });
  return {
    name: index.name,
    table,
    unique: parsed.unique,
    keys: out,
    where: parsed.where === null ? null : canonicalExprTokens(parsed.where, options),
  };
}
