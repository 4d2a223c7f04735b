/**
 * One token-level canonical form for SQL text, shared by both sides of every comparison
 * (DESIGN.md §1). It only rewrites what cannot change meaning: whitespace and comments, keyword
 * case, identifier quoting, `==`/`<>` spellings, and (for expressions) redundant outer
 * parentheses. String, number and blob literals are kept verbatim.
 */
import { asciiLower } from "./names.js";
import { quoteIdent, quoteIdentIfNeeded } from "./quote.js";
import { assertNever } from "../assert-never.js";
import { type Token, tokenizeChecked } from "./tokenize.js";

/** How identifiers are spelled. */
export interface CanonicalOptions {
  /**
   * The canonical spelling of an identifier that names a known column or object, or undefined.
   * Needed because of SQLite's double-quoted string literal quirk
   * (https://www.sqlite.org/quirks.html#dblquote): `"open"` that names nothing is the string
   * 'open', so with a resolver a double-quoted unknown name keeps its quotes. Without a
   * resolver every identifier is taken to be one and written bare whenever that is unambiguous.
   */
  readonly resolve?: (name: string) => string | undefined;
}

/** Keywords that are called like functions: no space before their `(`. */
const FUNCTION_KEYWORDS = new Set(["CAST", "RAISE", "REPLACE", "LIKE", "GLOB", "REGEXP", "MATCH"]);
/** Keywords after which a `-`/`+` is binary (they end an operand). */
const OPERAND_END_KEYWORDS = new Set(["NULL", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "END"]);
const OP_SPELLING: Readonly<Record<string, string>> = { "==": "=", "<>": "!=" };

/** Canonical text of `text`; text that does not tokenize is returned trimmed but otherwise verbatim. */
export function canonicalSql(text: string, options: CanonicalOptions = {}): string {
  const { tokens, error } = tokenizeChecked(text);
  return error === null ? canonicalTokens(tokens, options) : text.trim();
}

/** canonicalSql plus removal of parentheses that enclose the whole expression: `((a > 0))` -> `a > 0`. */
export function canonicalExpr(text: string, options: CanonicalOptions = {}): string {
  const { tokens, error } = tokenizeChecked(text);
  return error === null ? canonicalExprTokens(tokens, options) : text.trim();
}

/** canonicalExpr over tokens already read. */
export function canonicalExprTokens(tokens: readonly Token[], options: CanonicalOptions = {}): string {
  return canonicalTokens(stripOuterParens(tokens), options);
}

/** `tokens` without the parenthesis pairs that enclose all of them. */
export function stripOuterParens(tokens: readonly Token[]): readonly Token[] {
  let t = tokens;
  while (t.length > 2 && t[0].kind === "lparen" && matchingParen(t, 0) === t.length - 1) t = t.slice(1, -1);
  return t;
}

/**
 * True when `tokens` are one primary expression: a single token, a parenthesised group, or a
 * function call spanning all of them. A COLLATE written after anything else binds only to its
 * last operand, since COLLATE is the tightest postfix operator
 * (https://www.sqlite.org/lang_expr.html#collateop): `a + b COLLATE X` is `a + (b COLLATE X)`.
 */
export function isPrimaryExpr(tokens: readonly Token[]): boolean {
  if (tokens.length <= 1) return true;
  const callee = tokens[0].kind === "ident" || (tokens[0].kind === "keyword" && FUNCTION_KEYWORDS.has(tokens[0].value));
  const open = tokens[0].kind === "lparen" ? 0 : tokens[1].kind === "lparen" && callee ? 1 : -1;
  return open >= 0 && matchingParen(tokens, open) === tokens.length - 1;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].kind === "lparen") depth++;
    else if (tokens[k].kind === "rparen" && --depth === 0) return k;
  }
  return -1;
}

/** Canonical text of a token run. */
export function canonicalTokens(tokens: readonly Token[], options: CanonicalOptions = {}): string {
  return join(tokens, (k) => tokenText(tokens, k, options));
}

/**
 * Only the spacing canonicalised, every token as written: for virtual table module arguments,
 * which the module reads itself (https://www.sqlite.org/vtab.html#xcreate), so even keyword
 * case or quoting may matter to it.
 */
export function canonicalSpacing(tokens: readonly Token[]): string {
  return join(tokens, (k) => tokens[k].text);
}

function join(tokens: readonly Token[], textOf: (k: number) => string): string {
  let out = "";
  let prevUnary = false;
  let prevText = "";
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    const text = textOf(k);
    if (prev !== undefined && (spaced(prev, prevUnary, t) || merges(prevText, text))) out += " ";
    out += text;
    prevUnary = isUnary(prev, t);
    prevText = text;
  }
  return out;
}

function tokenText(tokens: readonly Token[], k: number, options: CanonicalOptions): string {
  const t = tokens[k];
  switch (t.kind) {
    case "keyword":
      return t.value;
    case "ident":
      return identText(tokens, k, options);
    case "op":
      return OP_SPELLING[t.text] ?? t.text;
    case "string":
    case "number":
    case "blob":
    case "param":
    case "lparen":
    case "rparen":
    case "comma":
    case "semicolon":
    case "dot":
      return t.text;
    default:
      return assertNever(t.kind);
  }
}

function identText(tokens: readonly Token[], k: number, options: CanonicalOptions): string {
  const t = tokens[k];
  const resolved = options.resolve?.(t.value);
  if (resolved !== undefined) return quoteIdentIfNeeded(resolved);
  const bare = !/^["`[]/.test(t.text);
  // Bare TRUE/FALSE are boolean literals (https://www.sqlite.org/lang_expr.html#booleanexpr).
  if (bare && /^(true|false)$/i.test(t.value)) return t.value.toUpperCase();
  const call = tokens[k + 1]?.kind === "lparen";
  const structural = tokens[k - 1]?.kind === "dot" || tokens[k + 1]?.kind === "dot" || call;
  if (t.text.startsWith('"') && options.resolve !== undefined && !structural) return quoteIdent(t.value);
  // Function names are case-insensitive (ASCII only, like every SQLite name): `LOWER(x)` and
  // `lower(x)` are one call, so both are written in lower case.
  return quoteIdentIfNeeded(call ? asciiLower(t.value) : t.value);
}

/** A prefix `-`, `+` or `~`: no space between it and its operand. */
function isUnary(prev: Token | undefined, t: Token): boolean {
  if (t.kind !== "op" || (t.text !== "-" && t.text !== "+" && t.text !== "~")) return false;
  if (t.text === "~" || prev === undefined) return true;
  switch (prev.kind) {
    case "lparen":
    case "comma":
    case "op":
    case "semicolon":
      return true;
    case "keyword":
      return !OPERAND_END_KEYWORDS.has(prev.value);
    case "ident":
    case "string":
    case "number":
    case "blob":
    case "param":
    case "rparen":
    case "dot":
      return false;
    default:
      return assertNever(prev.kind);
  }
}

function spaced(prev: Token, prevUnary: boolean, cur: Token): boolean {
  if (prev.kind === "lparen" || prev.kind === "dot") return false;
  if (cur.kind === "rparen" || cur.kind === "comma" || cur.kind === "semicolon" || cur.kind === "dot") return false;
  if (cur.kind === "lparen" && (prev.kind === "ident" || (prev.kind === "keyword" && FUNCTION_KEYWORDS.has(prev.value)))) {
    return false;
  }
  return !prevUnary;
}

/** Written without a space, the two tokens would read differently (`- -1` as `--1`, `1 .` as `1.`). */
function merges(left: string, right: string): boolean {
  const PUNCT = /^[(),;]$/;
  if (PUNCT.test(left) || PUNCT.test(right)) return false;
  const t = tokenizeChecked(left + right);
  return t.error !== null || t.tokens.length !== 2 || t.tokens[0].text !== left;
}

