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
const PUNCT: Readonly<Record<string, TokenKind>> = { "(": "lparen", ")": "rparen", ",": "comma", ";": "semicolon", ".": "dot" };
const QUOTE_CLOSE: Readonly<Record<string, string>> = { '"': '"', "`": "`", "[": "]" };

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}
function isHex(c: string | undefined): boolean {
  return c !== undefined && (isDigit(c) || (c >= "A" && c <= "F") || (c >= "a" && c <= "f"));
}
/** Identifier characters: ASCII letters, `_`, and every non-ASCII character. */
function isIdStart(c: string | undefined): boolean {
  // Character comparisons, not a regex: this runs for every character of every DDL statement.
  return c !== undefined && ((c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "_" || c.charCodeAt(0) >= 0x80);
}
function isIdChar(c: string | undefined): boolean {
  return c !== undefined && (isIdStart(c) || isDigit(c) || c === "$");
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
  let endsInLineComment = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (isSpace(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      endsInLineComment = nl < 0;
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      if (close < 0) return failAt("unterminated /* comment", i);
      i = close + 2;
    } else if (c === "'") {
      const end = scanQuoted(sql, i, "'");
      if (end < 0) return failAt("unterminated string literal", i);
      push("string", i, end, sql.slice(i + 1, end - 1).replaceAll("''", "'"));
      i = end;
    } else if (c in QUOTE_CLOSE) {
      const close = QUOTE_CLOSE[c];
      const end = scanQuoted(sql, i, close, c !== "[");
      if (end < 0) return failAt("unterminated quoted identifier", i);
      const inner = sql.slice(i + 1, end - 1);
      push("ident", i, end, c === "[" ? inner : inner.replaceAll(close + close, close));
      i = end;
    } else if ((c === "x" || c === "X") && next === "'") {
      const end = scanQuoted(sql, i + 1, "'", false);
      if (end < 0) return failAt("unterminated blob literal", i);
      const hex = sql.slice(i + 2, end - 1);
      if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return failAt("malformed blob literal", i);
      push("blob", i, end);
      i = end;
    } else if (isDigit(c) || (c === "." && isDigit(next))) {
      const end = scanNumber(sql, i);
      if (isIdChar(sql[end])) return failAt("malformed number", i);
      push("number", i, end);
      i = end;
    } else if (isIdStart(c)) {
      let end = i + 1;
      while (isIdChar(sql[end])) end++;
      const word = sql.slice(i, end);
      const upper = word.toUpperCase();
      if (SQLITE_KEYWORDS.has(upper)) push("keyword", i, end, upper);
      else push("ident", i, end, word);
      i = end;
    } else if (c === "?") {
      let end = i + 1;
      while (isDigit(sql[end])) end++;
      push("param", i, end);
      i = end;
    } else if (c === ":" || c === "@" || c === "$") {
      let end = i + 1;
      while (isIdChar(sql[end]) || (c === "$" && sql.startsWith("::", end))) end += sql.startsWith("::", end) ? 2 : 1;
      if (end === i + 1) return failAt(`illegal character ${JSON.stringify(c)}`, i);
      push("param", i, end);
      i = end;
    } else if (c in PUNCT) {
      push(PUNCT[c], i, i + 1);
      i++;
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      if (op === undefined) {
        push("op", i, i + 1);
        return failAt(`illegal character ${JSON.stringify(c)}`, i);
      }
      push("op", i, i + op.length);
      i += op.length;
    }
  }
  return { tokens, error: null, endsInLineComment };
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
  let i = start;
  if (sql[i] === "0" && (sql[i + 1] === "x" || sql[i + 1] === "X") && isHex(sql[i + 2])) {
    i += 2;
    while (isHex(sql[i]) || (sql[i] === "_" && isHex(sql[i + 1]))) i++;
    return i;
  }
  const digits = (): void => {
    while (isDigit(sql[i]) || (sql[i] === "_" && isDigit(sql[i - 1]) && isDigit(sql[i + 1]))) i++;
  };
  digits();
  if (sql[i] === ".") {
    i++;
    digits();
  }
  if ((sql[i] === "e" || sql[i] === "E") && (isDigit(sql[i + 1]) || ((sql[i + 1] === "+" || sql[i + 1] === "-") && isDigit(sql[i + 2])))) {
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
