/**
 * Reads stored CREATE INDEX / VIEW / TRIGGER / VIRTUAL TABLE statements into their parts
 * (https://www.sqlite.org/lang_createindex.html, lang_createview.html, lang_createtrigger.html,
 * lang_createvtab.html). Expressions stay token runs; the introspector canonicalises them.
 */
import type { TriggerEvent, TriggerTiming } from "../model.js";
import { isPrimaryExpr } from "./canonical.js";
import { Cursor, DdlError, splitTopLevel } from "./ddl-cursor.js";
import { type Token, tokenizeChecked } from "./tokenize.js";

/** One index term: an expression (possibly a lone column) with its COLLATE and order. */
export interface ParsedIndexTerm {
  readonly tokens: readonly Token[];
  readonly collate: string | null;
  readonly desc: boolean;
}

export interface ParsedIndex {
  readonly unique: boolean;
  readonly terms: readonly ParsedIndexTerm[];
  readonly where: readonly Token[] | null;
}

export interface ParsedView {
  readonly columns: readonly string[] | null;
  readonly select: readonly Token[];
}

export interface ParsedTrigger {
  readonly timing: TriggerTiming;
  readonly event: TriggerEvent;
  readonly ofColumns: readonly string[];
  readonly when: readonly Token[] | null;
  /** The statements between BEGIN and END, each without its `;`. */
  readonly statements: readonly (readonly Token[])[];
}

export interface ParsedVirtualTable {
  readonly module: string;
  /** The module arguments inside the parentheses, or null when there are none. */
  readonly args: readonly Token[] | null;
}

/** Runs `read` over the tokens of `sql`; a string is the reason it could not. */
function parseWith<T>(sql: string, read: (c: Cursor) => T): T | string {
  const { tokens, error } = tokenizeChecked(sql);
  if (error !== null) return error;
  try {
    const c = new Cursor(tokens);
    const value = read(c);
    if (!c.atEnd()) return `unexpected ${c.near()}`;
    return value;
  } catch (e) {
    if (e instanceof DdlError) return e.message;
    throw e;
  }
}

function readCreate(c: Cursor, ...kind: string[]): string {
  c.expect("CREATE");
  c.accept("TEMP") || c.accept("TEMPORARY");
  c.expect(...kind);
  if (c.accept("IF")) c.expect("NOT", "EXISTS");
  return c.qualifiedName();
}

/** Parses a stored CREATE [UNIQUE] INDEX statement. */
export function parseCreateIndex(sql: string): ParsedIndex | string {
  return parseWith(sql, (c) => {
    c.expect("CREATE");
    const unique = c.accept("UNIQUE");
    c.expect("INDEX");
    if (c.accept("IF")) c.expect("NOT", "EXISTS");
    c.qualifiedName();
    c.expect("ON");
    c.qualifiedName();
    const terms = splitTopLevel(c.group()).map(readIndexTerm);
    const where = c.accept("WHERE") ? c.rest() : null;
    return { unique, terms, where };
  });
}

function readIndexTerm(tokens: readonly Token[]): ParsedIndexTerm {
  let t = tokens;
  const last = t[t.length - 1];
  const desc = last?.kind === "keyword" && last.value === "DESC";
  if (desc || (last?.kind === "keyword" && last.value === "ASC")) t = t.slice(0, -1);
  let collate: string | null = null;
  const maybeCollate = t[t.length - 2];
  // Only a COLLATE that applies to the whole term is the term's collation.
  if (maybeCollate?.kind === "keyword" && maybeCollate.value === "COLLATE" && isPrimaryExpr(t.slice(0, -2))) {
    collate = new Cursor(t.slice(-1)).name();
    t = t.slice(0, -2);
  }
  if (t.length === 0) throw new DdlError("empty index term");
  return { tokens: t, collate, desc };
}

/** Parses a stored CREATE VIEW statement. */
export function parseCreateView(sql: string): ParsedView | string {
  return parseWith(sql, (c) => {
    readCreate(c, "VIEW");
    const columns = c.peek()?.kind === "lparen" ? splitTopLevel(c.group()).map((col) => nameOf(col)) : null;
    c.expect("AS");
    return { columns, select: c.rest() };
  });
}

function nameOf(tokens: readonly Token[]): string {
  const c = new Cursor(tokens);
  const name = c.name();
  if (!c.atEnd()) throw new DdlError(`unexpected ${c.near()} in a name list`);
  return name;
}

/** Parses a stored CREATE TRIGGER statement. */
export function parseCreateTrigger(sql: string): ParsedTrigger | string {
  return parseWith(sql, (c) => {
    readCreate(c, "TRIGGER");
    // No timing means BEFORE (https://www.sqlite.org/lang_createtrigger.html).
    let timing: TriggerTiming = "BEFORE";
    if (c.accept("AFTER")) timing = "AFTER";
    else if (c.accept("INSTEAD", "OF")) timing = "INSTEAD OF";
    else c.accept("BEFORE");
    let event: TriggerEvent;
    let ofColumns: string[] = [];
    if (c.accept("INSERT")) event = "INSERT";
    else if (c.accept("DELETE")) event = "DELETE";
    else if (c.accept("UPDATE")) {
      event = "UPDATE";
      if (c.accept("OF")) ofColumns = splitTopLevel(c.until((x) => x.isWord("ON"))).map((col) => nameOf(col));
    } else throw new DdlError(`expected INSERT, UPDATE or DELETE near ${c.near()}`);
    c.expect("ON");
    c.qualifiedName();
    if (c.accept("FOR")) c.expect("EACH", "ROW");
    const when = c.accept("WHEN") ? c.until(isBodyStart) : null;
    c.expect("BEGIN");
    const inner = c.rest();
    const end = inner[inner.length - 1];
    if (end?.kind !== "keyword" || end.value !== "END") throw new DdlError("trigger body does not end with END");
    return { timing, event, ofColumns, when, statements: splitStatements(inner.slice(0, -1)) };
  });
}

/** The BEGIN that opens the body (not a column named begin after a dot). */
function isBodyStart(c: Cursor): boolean {
  return c.isWord("BEGIN") && c.peek(1)?.kind !== "dot";
}

function splitStatements(tokens: readonly Token[]): (readonly Token[])[] {
  const out: (readonly Token[])[] = [];
  let start = 0;
  tokens.forEach((t, k) => {
    if (t.kind === "semicolon") {
      if (k > start) out.push(tokens.slice(start, k));
      start = k + 1;
    }
  });
  if (start < tokens.length) out.push(tokens.slice(start));
  return out;
}

/** Parses a stored CREATE VIRTUAL TABLE statement. */
export function parseCreateVirtualTable(sql: string): ParsedVirtualTable | string {
  return parseWith(sql, (c) => {
    readCreate(c, "VIRTUAL", "TABLE");
    c.expect("USING");
    const module = c.name();
    const args = c.peek()?.kind === "lparen" ? c.group() : null;
    return { module, args };
  });
}
