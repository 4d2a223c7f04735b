/**
 * Reads what PRAGMAs do not report from a stored CREATE TABLE statement
 * (https://www.sqlite.org/lang_createtable.html): constraint names, CHECKs, COLLATE, DEFAULT as
 * written, GENERATED, AUTOINCREMENT, PRIMARY KEY DESC, ON CONFLICT, DEFERRABLE. Column types,
 * NOT NULL, key columns and foreign key targets come from the PRAGMAs instead.
 */
import type { ConflictClause } from "../model.js";
import { Cursor, DdlError, splitTopLevel } from "./ddl-cursor.js";
import { type Token, tokenizeChecked } from "./tokenize.js";

/** A CHECK as written. */
export interface ParsedCheck {
  readonly name: string | null;
  /** The tokens inside `CHECK ( ... )`. */
  readonly tokens: readonly Token[];
}

/** One term of a PRIMARY KEY or UNIQUE column list. */
export interface ParsedKeyTerm {
  readonly name: string;
  readonly collate: string | null;
  readonly desc: boolean;
  readonly explicitOrder: boolean;
}

/** A PRIMARY KEY or UNIQUE constraint, column-level (one term) or table-level. */
export interface ParsedKey {
  readonly name: string | null;
  readonly terms: readonly ParsedKeyTerm[];
  readonly onConflict: ConflictClause | null;
  readonly autoincrement: boolean;
  readonly columnLevel: boolean;
}

/** A foreign key as written; columns and targets are read from PRAGMA foreign_key_list. */
export interface ParsedForeignKey {
  readonly name: string | null;
  readonly deferred: boolean;
}

export interface ParsedColumn {
  readonly name: string;
  /** DEFAULT: the tokens inside `( expr )`, or a signed number, or one literal or name. */
  readonly default: { readonly tokens: readonly Token[]; readonly parenthesised: boolean } | null;
  readonly collate: string | null;
  readonly generated: { readonly tokens: readonly Token[]; readonly stored: boolean } | null;
  readonly checks: readonly ParsedCheck[];
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  readonly primaryKey: ParsedKey | null;
  readonly uniques: readonly ParsedKey[];
  readonly checks: readonly ParsedCheck[];
  /** Column-level REFERENCES and table-level FOREIGN KEYs, in declaration order. */
  readonly foreignKeys: readonly ParsedForeignKey[];
  readonly withoutRowid: boolean;
  readonly strict: boolean;
  /** Clauses that the model cannot hold, described for a warning. */
  readonly unmodelled: readonly string[];
}

const CONFLICTS: readonly ConflictClause[] = ["ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"];
const COLUMN_CONSTRAINT_START: ReadonlySet<string> = new Set(["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"]);
const TABLE_CONSTRAINT_START: ReadonlySet<string> = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);

/** Parses a stored CREATE TABLE statement; a string is the reason it could not. */
export function parseCreateTable(sql: string): ParsedTable | string {
  const { tokens, error } = tokenizeChecked(sql);
  if (error !== null) return error;
  try {
    return readTable(new Cursor(tokens));
  } catch (e) {
    if (e instanceof DdlError) return e.message;
    throw e;
  }
}

interface Builder {
  columns: ParsedColumn[];
  primaryKey: ParsedKey | null;
  uniques: ParsedKey[];
  checks: ParsedCheck[];
  foreignKeys: ParsedForeignKey[];
  unmodelled: string[];
}

function readTable(c: Cursor): ParsedTable {
  c.expect("CREATE");
  c.accept("TEMP") || c.accept("TEMPORARY");
  c.expect("TABLE");
  if (c.accept("IF")) c.expect("NOT", "EXISTS");
  c.qualifiedName();
  const body = c.group();
  const b: Builder = { columns: [], primaryKey: null, uniques: [], checks: [], foreignKeys: [], unmodelled: [] };
  for (const item of splitTopLevel(body)) {
    const ic = new Cursor(item);
    if (ic.isAnyWord(TABLE_CONSTRAINT_START)) readTableConstraint(ic, b);
    else readColumn(ic, b);
  }
  let withoutRowid = false;
  let strict = false;
  for (const option of splitTopLevel(c.rest())) {
    const oc = new Cursor(option);
    if (oc.accept("WITHOUT", "ROWID")) withoutRowid = true;
    else if (oc.accept("STRICT")) strict = true;
    else throw new DdlError(`unknown table option near ${oc.near()}`);
    if (!oc.atEnd()) throw new DdlError(`unexpected ${oc.near()} after a table option`);
  }
  return { ...b, withoutRowid, strict };
}

function readColumn(c: Cursor, b: Builder): void {
  const name = c.name();
  c.until((x) => x.isAnyWord(COLUMN_CONSTRAINT_START));
  let dflt: ParsedColumn["default"] = null;
  let collate: string | null = null;
  let generated: ParsedColumn["generated"] = null;
  const checks: ParsedCheck[] = [];
  const where = `column ${JSON.stringify(name)}`;
  while (!c.atEnd()) {
    const cname = c.accept("CONSTRAINT") ? c.name() : null;
    const namedUnmodelled = (what: string): void => {
      if (cname !== null) b.unmodelled.push(`the constraint name ${JSON.stringify(cname)} on ${what} of ${where}`);
    };
    if (c.accept("PRIMARY", "KEY")) {
      const desc = c.accept("DESC");
      const asc = !desc && c.accept("ASC");
      const onConflict = readConflict(c);
      const autoincrement = c.accept("AUTOINCREMENT");
      setPrimaryKey(b, { name: cname, terms: [{ name, collate: null, desc, explicitOrder: desc || asc }], onConflict, autoincrement, columnLevel: true });
    } else if (c.accept("NOT", "NULL")) {
      namedUnmodelled("NOT NULL");
      const conflict = readConflict(c);
      if (conflict !== null) b.unmodelled.push(`NOT NULL ON CONFLICT ${conflict} of ${where}`);
    } else if (c.accept("NULL")) {
      namedUnmodelled("NULL");
      const conflict = readConflict(c);
      if (conflict !== null) b.unmodelled.push(`NULL ON CONFLICT ${conflict} of ${where}`);
    } else if (c.accept("UNIQUE")) {
      b.uniques.push({ name: cname, terms: [{ name, collate: null, desc: false, explicitOrder: false }], onConflict: readConflict(c), autoincrement: false, columnLevel: true });
    } else if (c.accept("CHECK")) {
      checks.push({ name: cname, tokens: c.group() });
    } else if (c.accept("DEFAULT")) {
      namedUnmodelled("DEFAULT");
      dflt = readDefault(c);
    } else if (c.accept("COLLATE")) {
      namedUnmodelled("COLLATE");
      collate = c.name();
    } else if (c.accept("REFERENCES")) {
      b.foreignKeys.push(readReferences(c, cname, where, b));
    } else if (c.isWord("GENERATED") || c.isWord("AS")) {
      namedUnmodelled("GENERATED");
      if (c.accept("GENERATED")) c.expect("ALWAYS");
      c.expect("AS");
      const tokens = c.group();
      const stored = c.accept("STORED");
      if (!stored) c.accept("VIRTUAL");
      generated = { tokens, stored };
    } else {
      throw new DdlError(`unexpected ${c.near()} in ${where}`);
    }
  }
  b.columns.push({ name, default: dflt, collate, generated, checks });
}

function readTableConstraint(c: Cursor, b: Builder): void {
  const name = c.accept("CONSTRAINT") ? c.name() : null;
  if (c.accept("PRIMARY", "KEY")) {
    const terms = readKeyTerms(c.group());
    const onConflict = readConflict(c);
    const autoincrement = c.accept("AUTOINCREMENT");
    setPrimaryKey(b, { name, terms, onConflict, autoincrement, columnLevel: false });
  } else if (c.accept("UNIQUE")) {
    const terms = readKeyTerms(c.group());
    b.uniques.push({ name, terms, onConflict: readConflict(c), autoincrement: false, columnLevel: false });
  } else if (c.accept("CHECK")) {
    b.checks.push({ name, tokens: c.group() });
    // A conflict clause after a table CHECK is accepted and ignored by SQLite.
    const conflict = readConflict(c);
    if (conflict !== null) b.unmodelled.push(`ON CONFLICT ${conflict} after a table CHECK`);
  } else if (c.accept("FOREIGN", "KEY")) {
    c.group();
    c.expect("REFERENCES");
    b.foreignKeys.push(readReferences(c, name, "a table FOREIGN KEY", b));
  } else {
    throw new DdlError(`unexpected ${c.near()} in a table constraint`);
  }
  if (!c.atEnd()) throw new DdlError(`unexpected ${c.near()} after a table constraint`);
}

function setPrimaryKey(b: Builder, key: ParsedKey): void {
  if (b.primaryKey !== null) throw new DdlError("more than one PRIMARY KEY");
  b.primaryKey = key;
}

function readKeyTerms(tokens: readonly Token[]): ParsedKeyTerm[] {
  return splitTopLevel(tokens).map((term) => {
    const c = new Cursor(term);
    const name = c.name();
    const collate = c.accept("COLLATE") ? c.name() : null;
    const desc = c.accept("DESC");
    const asc = !desc && c.accept("ASC");
    if (!c.atEnd()) throw new DdlError(`unexpected ${c.near()} in a key column list`);
    return { name, collate, desc, explicitOrder: desc || asc };
  });
}

function readConflict(c: Cursor): ConflictClause | null {
  if (!c.accept("ON", "CONFLICT")) return null;
  const word = c.next().text.toUpperCase();
  const found = CONFLICTS.find((k) => k === word);
  if (found === undefined) throw new DdlError(`unknown conflict resolution ${JSON.stringify(word)}`);
  return found;
}

/** DEFAULT takes a parenthesised expression, a signed number, or one literal or name. */
function readDefault(c: Cursor): NonNullable<ParsedColumn["default"]> {
  if (c.peek()?.kind === "lparen") return { tokens: c.group(), parenthesised: true };
  const t = c.next();
  if (t.kind === "op" && (t.text === "-" || t.text === "+")) return { tokens: [t, c.next()], parenthesised: false };
  return { tokens: [t], parenthesised: false };
}

function readReferences(c: Cursor, name: string | null, where: string, b: Builder): ParsedForeignKey {
  c.qualifiedName();
  if (c.peek()?.kind === "lparen") c.group();
  let deferred = false;
  for (;;) {
    if (c.accept("ON")) {
      if (!c.accept("DELETE") && !c.accept("UPDATE")) throw new DdlError(`expected DELETE or UPDATE near ${c.near()}`);
      if (!(c.accept("SET", "NULL") || c.accept("SET", "DEFAULT") || c.accept("CASCADE") || c.accept("RESTRICT") || c.accept("NO", "ACTION"))) {
        throw new DdlError(`unknown foreign key action near ${c.near()}`);
      }
    } else if (c.accept("MATCH")) {
      b.unmodelled.push(`MATCH ${c.name()} on a foreign key of ${where} (SQLite ignores it)`);
    } else if (c.isWord("NOT", "DEFERRABLE") || c.isWord("DEFERRABLE")) {
      const not = c.accept("NOT");
      c.expect("DEFERRABLE");
      let initiallyDeferred = false;
      if (c.accept("INITIALLY")) {
        initiallyDeferred = c.accept("DEFERRED");
        if (!initiallyDeferred) c.expect("IMMEDIATE");
      }
      // Only DEFERRABLE INITIALLY DEFERRED defers (https://www.sqlite.org/foreignkeys.html#fk_deferred).
      deferred = !not && initiallyDeferred;
    } else {
      return { name, deferred };
    }
  }
}
