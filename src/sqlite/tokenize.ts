/**
 * A small SQLite tokenizer (https://www.sqlite.org/lang_keywords.html,
 * https://www.sqlite.org/lang_expr.html#literal_values_constants_). Comments and whitespace are
 * dropped; every other character of the input lands in exactly one token.
 */
import { SQLITE_KEYWORDS } from "./keywords.js";

export type TokenKind =
  | "ident"
  | "keyword"
  | "string"
  | "number"
  | "blob"
  | "param"
  | "op"
  | "lparen"
  | "rparen"
  | "comma"
  | "semicolon"
  | "dot";

/** One token with its source span (`sql.slice(start, end) === text`). */
export interface Token {
  readonly kind: TokenKind;
  /** The source text exactly as written. */
  readonly text: string;
  /**
   * ident: the name, unquoted; keyword: upper case; string: the decoded value (`''` -> `'`);
   * everything else: the text.
   */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Tokens plus the first lexical error (unterminated literal or comment, illegal character). */
export interface TokenizeResult {
  readonly tokens: Token[];
  readonly error: string | null;
  /** The input ends inside a `--` comment (no newline after it). */
  readonly endsInLineComment: boolean;
}

/** Tokenizes `sql`; never throws. On a lexical error, returns the tokens before it. */
export function tokenize(sql: string): Token[] {
  return tokenizeChecked(sql).tokens;
}

const OPERATORS = ["->>", "||", "->", "<<", ">>", "<=", ">=", "==", "!=", "<>", "<", ">", "=", "+", "-", "*", "/", "%", "&", "|", "~"];

// Character codes: the tokenizer compares numbers, not one-character strings (it runs over
// every character of every CREATE statement of a schema, twice per plan).
const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const DOLLAR = 36;
const QUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const STAR = 42;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const SEMICOLON = 59;
const QUESTION = 63;
const AT = 64;
const UPPER_A = 65;
const UPPER_E = 69;
const UPPER_F = 70;
const UPPER_X = 88;
const UPPER_Z = 90;
const LBRACKET = 91;
const UNDERSCORE = 95;
const BACKTICK = 96;
const LOWER_A = 97;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_X = 120;
const LOWER_Z = 122;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c === FF;
}
/** `c` is NaN past the end of the text: every test below is then false. */
function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= UPPER_A && c <= UPPER_F) || (c >= LOWER_A && c <= LOWER_F);
}
/** Identifier characters: ASCII letters, `_`, and every non-ASCII character. */
function isIdStart(c: number): boolean {
  return (c >= UPPER_A && c <= UPPER_Z) || (c >= LOWER_A && c <= LOWER_Z) || c === UNDERSCORE || c >= 0x80;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || isDigit(c) || c === DOLLAR;
}

/** Tokenizes `sql`, reporting the first lexical error instead of throwing. */
export function tokenizeChecked(sql: string): TokenizeResult {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  const failAt = (what: string, at: number): TokenizeResult => ({
    tokens,
    error: `${what} at offset ${at}`,
    endsInLineComment: false,
  });
  const n = sql.length;
  let endsInLineComment = false;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    const next = sql.charCodeAt(i + 1);
    if (isSpace(c)) {
      i++;
    } else if (c === MINUS && next === MINUS) {
      const nl = sql.indexOf("\n", i);
      endsInLineComment = nl < 0;
      i = nl < 0 ? n : nl + 1;
    } else if (c === SLASH && next === STAR) {
      const close = sql.indexOf("*/", i + 2);
      if (close < 0) return failAt("unterminated /* comment", i);
      i = close + 2;
    } else if (c === QUOTE) {
      const end = scanQuoted(sql, i, "'");
      if (end < 0) return failAt("unterminated string literal", i);
      const inner = sql.slice(i + 1, end - 1);
      push("string", i, end, inner.includes("''") ? inner.replaceAll("''", "'") : inner);
      i = end;
    } else if (c === DQUOTE || c === BACKTICK || c === LBRACKET) {
      const close = c === DQUOTE ? '"' : c === BACKTICK ? "`" : "]";
      const end = scanQuoted(sql, i, close, c !== LBRACKET);
      if (end < 0) return failAt("unterminated quoted identifier", i);
      const inner = sql.slice(i + 1, end - 1);
      push("ident", i, end, c === LBRACKET ? inner : inner.replaceAll(close + close, close));
      i = end;
    } else if ((c === LOWER_X || c === UPPER_X) && next === QUOTE) {
      const end = scanQuoted(sql, i + 1, "'", false);
      if (end < 0) return failAt("unterminated blob literal", i);
      if (!isHexRun(sql, i + 2, end - 1)) return failAt("malformed blob literal", i);
      push("blob", i, end);
      i = end;
    } else if (isDigit(c) || (c === DOT && isDigit(next))) {
      const end = scanNumber(sql, i);
      if (isIdChar(sql.charCodeAt(end))) return failAt("malformed number", i);
      push("number", i, end);
      i = end;
    } else if (isIdStart(c)) {
      let end = i + 1;
      while (isIdChar(sql.charCodeAt(end))) end++;
      const word = sql.slice(i, end);
      const upper = word.toUpperCase();
      if (SQLITE_KEYWORDS.has(upper)) tokens.push({ kind: "keyword", text: word, value: upper, start: i, end });
      else tokens.push({ kind: "ident", text: word, value: word, start: i, end });
      i = end;
    } else if (c === QUESTION) {
      let end = i + 1;
      while (isDigit(sql.charCodeAt(end))) end++;
      push("param", i, end);
      i = end;
    } else if (c === COLON || c === AT || c === DOLLAR) {
      let end = i + 1;
      for (;;) {
        const doubleColon = sql.startsWith("::", end);
        if (isIdChar(sql.charCodeAt(end))) end++;
        else if (c === DOLLAR && doubleColon) end += 2;
        else break;
      }
      if (end === i + 1) return failAt(`illegal character ${JSON.stringify(sql[i])}`, i);
      push("param", i, end);
      i = end;
    } else if (c === LPAREN) {
      push("lparen", i, i + 1);
      i++;
    } else if (c === RPAREN) {
      push("rparen", i, i + 1);
      i++;
    } else if (c === COMMA) {
      push("comma", i, i + 1);
      i++;
    } else if (c === SEMICOLON) {
      push("semicolon", i, i + 1);
      i++;
    } else if (c === DOT) {
      push("dot", i, i + 1);
      i++;
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      if (op === undefined) {
        push("op", i, i + 1);
        return failAt(`illegal character ${JSON.stringify(sql[i])}`, i);
      }
      push("op", i, i + op.length);
      i += op.length;
    }
  }
  return { tokens, error: null, endsInLineComment };
}

/** True when `sql[from, to)` is an even number of hex digits. */
function isHexRun(sql: string, from: number, to: number): boolean {
  if ((to - from) % 2 !== 0) return false;
  for (let k = from; k < to; k++) if (!isHex(sql.charCodeAt(k))) return false;
  return true;
}

/** End offset (exclusive) of a quoted run opening at `start`, or -1 when unterminated. */
function scanQuoted(sql: string, start: number, close: string, doubled = true): number {
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(close, i);
    if (at < 0) return -1;
    if (doubled && sql[at + 1] === close) {
      i = at + 2;
      continue;
    }
    return at + 1;
  }
}

/** End offset of a numeric literal: decimal with optional fraction/exponent, or hex; `_` separators. */
function scanNumber(sql: string, start: number): number {
  const at = (k: number): number => sql.charCodeAt(k);
  let i = start;
  if (at(i) === ZERO && (at(i + 1) === LOWER_X || at(i + 1) === UPPER_X) && isHex(at(i + 2))) {
    i += 2;
    while (isHex(at(i)) || (at(i) === UNDERSCORE && isHex(at(i + 1)))) i++;
    return i;
  }
  const digits = (): void => {
    while (isDigit(at(i)) || (at(i) === UNDERSCORE && isDigit(at(i - 1)) && isDigit(at(i + 1)))) i++;
  };
  digits();
  if (at(i) === DOT) {
    i++;
    digits();
  }
  if ((at(i) === LOWER_E || at(i) === UPPER_E) && (isDigit(at(i + 1)) || ((at(i + 1) === PLUS || at(i + 1) === MINUS) && isDigit(at(i + 2))))) {
    i += 2;
    digits();
  }
  return i;
}

/** Keywords that start a statement or a clause and so never belong to a lone expression. */
const CLAUSE_KEYWORDS = new Set([
  "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "INTERSECT", "EXCEPT",
  "VALUES", "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "INTO", "SET", "TABLE", "INDEX",
  "ON", "USING", "JOIN", "CONSTRAINT", "CHECK", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES",
  "FOREIGN", "RETURNING", "WINDOW", "COMMIT", "TRANSACTION", "ATTACH", "DETACH", "VACUUM",
]);

/**
 * Null when `sql` is exactly one SQL expression, else a one-line reason. A lexical check, not a
 * parser: it guarantees the text cannot escape the `CHECK (...)`, `DEFAULT (...)`, `AS (...)` or
 * `WHERE ...` it is embedded in (balanced parentheses, no `;`, no top-level `,`, no clause
 * keyword at the top level, no unterminated literal or trailing line comment); SQLite then
 * decides whether it is a valid expression.
 */
export function singleExpressionError(sql: string): string | null {
  const { tokens, error, endsInLineComment } = tokenizeChecked(sql);
  if (error !== null) return error;
  if (tokens.length === 0) return "empty expression";
  if (endsInLineComment) return "a -- comment runs to the end of the text (it would swallow what follows)";
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === "semicolon") return `';' at offset ${t.start}: only one expression is allowed`;
    if (t.kind === "lparen") depth++;
    else if (t.kind === "rparen" && --depth < 0) return `unbalanced ')' at offset ${t.start}`;
    else if (depth === 0 && t.kind === "comma") return `',' at offset ${t.start}: only one expression is allowed`;
    else if (depth === 0 && t.kind === "keyword" && CLAUSE_KEYWORDS.has(t.value)) {
      const distinctFrom = t.value === "FROM" && tokens[k - 1]?.value === "DISTINCT";
      if (!distinctFrom) return `${t.value} at offset ${t.start} does not belong in an expression (quote a column named like a keyword)`;
    }
  }
  if (depth > 0) return "unbalanced '(': a parenthesis is never closed";
  const last = tokens[tokens.length - 1];
  if (last.kind === "keyword" && (last.value === "ASC" || last.value === "DESC")) {
    return `${last.value} at the end: a sort order is not part of an expression`;
  }
  return null;
}

/**
 * Null when `sql` is one index term: an expression, optionally followed by `COLLATE name`
 * and `ASC`/`DESC` (https://www.sqlite.org/syntax/indexed-column.html), else a one-line reason.
 */
export function indexTermError(sql: string): string | null {
  const tokens = tokenize(sql);
  const last = tokens[tokens.length - 1];
  if (last !== undefined && last.kind === "keyword" && (last.value === "ASC" || last.value === "DESC")) {
    return singleExpressionError(sql.slice(0, last.start));
  }
  return singleExpressionError(sql);
}
