/**
 * What a CREATE TABLE statement says that no PRAGMA reports: CHECK constraints, constraint
 * names and conflict clauses, collations, generated expressions, AUTOINCREMENT, DEFERRABLE.
 * Read with the oracle's own lexer; placement (column-level or table-level) is deliberately
 * forgotten because SQLite gives both the same meaning.
 * https://www.sqlite.org/lang_createtable.html
 */
import { asciiLower, closing, lex, norm, normExpr, splitTop, type Lexeme } from "./lex.js";

/** The semantic facts of one table's CREATE statement. */
export interface TableFacts {
  readonly options: string[];
  /** Sorted `name|expr` of every CHECK, column-level or table-level. */
  readonly checks: string[];
  /** Per column (lower-cased name): collation and generated expression. */
  readonly columns: Record<string, { collate: string | null; generated: string | null }>;
  /** `name|conflict|desc|autoincrement` of the primary key, or null. */
  readonly primaryKey: string | null;
  /** Sorted `name|cols|conflict` of every UNIQUE constraint. */
  readonly uniques: string[];
  /** Sorted `name|cols|table|refcols|on delete|on update|deferred` of every foreign key. */
  readonly foreignKeys: string[];
}

const CONSTRAINT_START = new Set(["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"]);
const TABLE_CONSTRAINT = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);

const name = (l: Lexeme | undefined): string => (l === undefined ? "?" : asciiLower(l.v));
const isWord = (l: Lexeme | undefined, w: string): boolean => l !== undefined && l.t === "w" && l.v === w;

/** Reads the facts of `sql`, a CREATE TABLE statement as sqlite_schema stores it. */
export function tableFacts(sql: string): TableFacts {
  const t = lex(sql);
  const open = t.findIndex((l) => l.t === "p" && l.v === "(");
  const close = closing(t, open);
  const options = t
    .slice(close + 1)
    .filter((l) => l.t === "w")
    .map((l) => l.v)
    .filter((w) => w !== "ROWID")
    .sort();
  const facts = { options, checks: [] as string[], columns: {} as TableFacts["columns"], primaryKey: null as string | null, uniques: [] as string[], foreignKeys: [] as string[] };
  for (const item of splitTop(t.slice(open + 1, close))) {
    if (TABLE_CONSTRAINT.has(item[0]!.t === "w" ? item[0]!.v : "") && !(item[0]!.v === "PRIMARY" && !isWord(item[1], "KEY"))) {
      tableConstraint(item, facts);
    } else {
      columnDef(item, facts);
    }
  }
  facts.checks.sort();
  facts.uniques.sort();
  facts.foreignKeys.sort();
  return facts;
}

type Mutable = { -readonly [K in keyof TableFacts]: TableFacts[K] };

function columnDef(item: Lexeme[], f: Mutable): void {
  const col = name(item[0]);
  let k = 1;
  while (k < item.length && !(item[k]!.t === "w" && CONSTRAINT_START.has(item[k]!.v))) k = skipGroup(item, k);
  const entry = { collate: null as string | null, generated: null as string | null };
  let cname = "";
  while (k < item.length) {
    const w = item[k]!.v;
    if (w === "CONSTRAINT") {
      cname = name(item[k + 1]);
      k += 2;
      continue;
    }
    if (w === "PRIMARY") {
      k += 2;
      let desc = false;
      if (isWord(item[k], "ASC") || isWord(item[k], "DESC")) desc = item[k++]!.v === "DESC";
      const [conflict, k2] = onConflict(item, k);
      k = k2;
      const autoinc = isWord(item[k], "AUTOINCREMENT");
      if (autoinc) k++;
      f.primaryKey = `${cname}|${conflict}|${desc}|${autoinc}`;
    } else if (w === "NOT" || w === "NULL") {
      k += w === "NOT" ? 2 : 1;
      k = onConflict(item, k)[1];
    } else if (w === "UNIQUE") {
      const [conflict, k2] = onConflict(item, k + 1);
      k = k2;
      f.uniques.push(`${cname}|${col}|${conflict}`);
    } else if (w === "CHECK") {
      const e = closing(item, k + 1);
      f.checks.push(`${cname}|${normExpr(item.slice(k + 2, e))}`);
      k = e + 1;
    } else if (w === "DEFAULT") {
      k = skipGroup(item, item[k + 1]?.v === "-" || item[k + 1]?.v === "+" ? k + 2 : k + 1);
    } else if (w === "COLLATE") {
      entry.collate = item[k + 1]!.v.toUpperCase();
      k += 2;
    } else if (w === "REFERENCES") {
      const [fk, k2] = references(item, k, [col]);
      f.foreignKeys.push(`${cname}|${fk}`);
      k = k2;
    } else if (w === "GENERATED" || w === "AS") {
      const open = item.findIndex((l, j) => j > k && l.v === "(");
      const e = closing(item, open);
      const stored = isWord(item[e + 1], "STORED");
      entry.generated = `${normExpr(item.slice(open + 1, e))}|${stored ? "STORED" : "VIRTUAL"}`;
      k = isWord(item[e + 1], "STORED") || isWord(item[e + 1], "VIRTUAL") ? e + 2 : e + 1;
    } else {
      throw new Error(`column ${col}: unexpected ${w} in ${norm(item)}`);
    }
    cname = "";
  }
  f.columns[col] = entry;
}

function tableConstraint(item: Lexeme[], f: Mutable): void {
  let k = 0;
  let cname = "";
  if (isWord(item[0], "CONSTRAINT")) {
    cname = name(item[1]);
    k = 2;
  }
  const w = item[k]!.v;
  if (w === "CHECK") {
    const e = closing(item, k + 1);
    f.checks.push(`${cname}|${normExpr(item.slice(k + 2, e))}`);
    return;
  }
  const open = item.findIndex((l, j) => j > k && l.v === "(");
  const e = closing(item, open);
  const cols = indexedColumns(item.slice(open + 1, e));
  if (w === "PRIMARY" || w === "UNIQUE") {
    const conflict = onConflict(item, e + 1)[0];
    if (w === "UNIQUE") f.uniques.push(`${cname}|${cols.map((c) => c.name).join(",")}|${conflict}`);
    else f.primaryKey = `${cname}|${conflict}|${cols.length === 1 && cols[0]!.desc}|false`;
    return;
  }
  f.foreignKeys.push(`${cname}|${references(item, e + 1, cols.map((c) => c.name))[0]}`);
}

function indexedColumns(t: readonly Lexeme[]): { name: string; desc: boolean }[] {
  return splitTop(t).map((p) => ({ name: name(p[0]), desc: p.some((l) => isWord(l, "DESC")) }));
}

function onConflict(item: readonly Lexeme[], k: number): [string, number] {
  return isWord(item[k], "ON") && isWord(item[k + 1], "CONFLICT") ? [item[k + 2]!.v, k + 3] : ["", k];
}

/** `REFERENCES t (cols) actions...` starting at `k`; returns the fact and the index after it. */
function references(item: readonly Lexeme[], k: number, from: readonly string[]): [string, number] {
  const table = name(item[k + 1]);
  k += 2;
  let to: string[] = [];
  if (item[k]?.v === "(") {
    const e = closing(item, k);
    to = splitTop(item.slice(k + 1, e)).map((p) => name(p[0]));
    k = e + 1;
  }
  let onDelete = "NO ACTION";
  let onUpdate = "NO ACTION";
  let deferred = false;
  for (;;) {
    if (isWord(item[k], "ON")) {
      const which = item[k + 1]!.v;
      let action = item[k + 2]!.v;
      k += 3;
      if (action === "SET" || action === "NO") action += ` ${item[k++]!.v}`;
      if (which === "DELETE") onDelete = action;
      else onUpdate = action;
    } else if (isWord(item[k], "MATCH")) {
      k += 2;
    } else if (isWord(item[k], "NOT") && isWord(item[k + 1], "DEFERRABLE")) {
      k += 2;
      if (isWord(item[k], "INITIALLY")) k += 2;
    } else if (isWord(item[k], "DEFERRABLE")) {
      k++;
      deferred = isWord(item[k], "INITIALLY") && isWord(item[k + 1], "DEFERRED");
      if (isWord(item[k], "INITIALLY")) k += 2;
    } else {
      break;
    }
  }
  return [`${from.join(",")}|${table}|${to.join(",")}|${onDelete}|${onUpdate}|${deferred}`, k];
}

/** Skips one lexeme, or a whole parenthesised group (or a word followed by one: `VARCHAR(10)`). */
function skipGroup(t: readonly Lexeme[], k: number): number {
  if (t[k]?.v === "(") return closing(t, k) + 1;
  return k + 1;
}
