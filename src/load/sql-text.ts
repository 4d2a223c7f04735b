/**
 * Lexical checks on the SQL text a schema embeds, so that nothing can escape the statement it
 * is rendered into (`TEXT, evil INT` as a type, `SELECT 1; DROP TABLE x` as a view) before any
 * DDL runs. SQLite still decides validity; these checks only guarantee shape.
 */
import { singleExpressionError, tokenize, tokenizeChecked, type Token } from "../sqlite/tokenize.js";

/** Words that start a column constraint and so cannot be part of a type name. */
const CONSTRAINT_WORDS = new Set([
  "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS",
]);

/**
 * Null when `type` is a type name SQLite accepts (https://www.sqlite.org/syntax/type-name.html):
 * one or more names, optionally followed by `(n)` or `(n, m)`.
 */
export function typeNameError(type: string): string | null {
  const { tokens, error } = tokenizeChecked(type);
  if (error !== null) return error;
  let i = 0;
  const isName = (t: Token | undefined): boolean =>
    t !== undefined && (t.kind === "ident" || t.kind === "string" || (t.kind === "keyword" && !CONSTRAINT_WORDS.has(t.value)));
  if (!isName(tokens[0])) return "a type starts with a name (INTEGER, TEXT, VARCHAR(255), ...)";
  while (isName(tokens[i])) i++;
  if (i === tokens.length) return null;
  const bad = (): string => {
    const t = tokens[i];
    const word = t?.kind === "keyword" && CONSTRAINT_WORDS.has(t.value) ? ` (${t.value} is a constraint: use its own key)` : "";
    return `unexpected \`${t?.text ?? "end"}\` in a type name${word}`;
  };
  if (tokens[i].kind !== "lparen") return bad();
  i++;
  const signedNumber = (): boolean => {
    if (tokens[i]?.kind === "op" && (tokens[i].text === "+" || tokens[i].text === "-")) i++;
    if (tokens[i]?.kind !== "number") return false;
    i++;
    return true;
  };
  if (!signedNumber()) return bad();
  if (tokens[i]?.kind === "comma") {
    i++;
    if (!signedNumber()) return bad();
  }
  if (tokens[i]?.kind !== "rparen") return bad();
  i++;
  return i === tokens.length ? null : bad();
}

/** `sql` without a trailing `;` (and the whitespace or comments around it). */
export function withoutTrailingSemicolon(sql: string): string {
  const { tokens } = tokenizeChecked(sql);
  const last = tokens[tokens.length - 1];
  return last?.kind === "semicolon" ? sql.slice(0, last.start).trimEnd() : sql.trim();
}

/** Null when `sql` is a single statement (a trailing `;` allowed), else why not. */
function singleStatementError(tokens: readonly Token[]): string | null {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === "lparen") depth++;
    else if (t.kind === "rparen" && --depth < 0) return `unbalanced ')' at offset ${t.start}`;
    else if (t.kind === "semicolon" && k < tokens.length - 1) return `';' at offset ${t.start}: only one statement is allowed`;
  }
  return depth > 0 ? "unbalanced '(': a parenthesis is never closed" : null;
}

/** Null when `sql` is one SELECT statement (`SELECT`, `WITH ...`, `VALUES`), else why not. */
export function selectError(sql: string): string | null {
  const { tokens, error, endsInLineComment } = tokenizeChecked(sql);
  if (error !== null) return error;
  if (tokens.length === 0) return "empty statement";
  if (endsInLineComment) return "a -- comment runs to the end of the text";
  const first = tokens[0];
  if (first.kind !== "keyword" || !["SELECT", "WITH", "VALUES"].includes(first.value)) {
    return "a view is a SELECT statement (SELECT, WITH ... SELECT or VALUES)";
  }
  return singleStatementError(tokens);
}

/**
 * Null when `body` is a list of statements that stays inside BEGIN ... END: no END outside a
 * CASE, balanced parentheses, no unterminated literal.
 */
export function triggerBodyError(body: string): string | null {
  const { tokens, error } = tokenizeChecked(body);
  if (error !== null) return error;
  if (tokens.length === 0) return "a trigger body needs at least one statement";
  let depth = 0;
  let cases = 0;
  for (const t of tokens) {
    if (t.kind === "lparen") depth++;
    else if (t.kind === "rparen" && --depth < 0) return `unbalanced ')' at offset ${t.start}`;
    else if (t.kind === "keyword" && t.value === "CASE") cases++;
    else if (t.kind === "keyword" && t.value === "END" && --cases < 0) {
      return `END at offset ${t.start}: the body is only the statements between BEGIN and END`;
    }
  }
  return depth > 0 ? "unbalanced '(': a parenthesis is never closed" : null;
}

/** `body` ending with `;` after its last statement (and a newline if it ends in a `--` comment). */
export function terminatedBody(body: string): string {
  const { tokens, endsInLineComment } = tokenizeChecked(body);
  const last = tokens[tokens.length - 1];
  let text = body.trimEnd();
  if (endsInLineComment) text += "\n";
  if (last !== undefined && last.kind !== "semicolon") text = `${text.slice(0, last.end)};${text.slice(last.end)}`;
  return text;
}

/** What a `CREATE VIRTUAL TABLE` statement declares. */
export interface VirtualTableText {
  readonly name: string;
  readonly module: string;
  /** The statement without a trailing `;`. */
  readonly sql: string;
}

/** Reads `CREATE VIRTUAL TABLE [IF NOT EXISTS] name USING module(...)`, or says why it is not one. */
export function virtualTableText(sql: string): VirtualTableText | string {
  const { tokens, error } = tokenizeChecked(sql);
  if (error !== null) return error;
  const words = (k: number, ...expected: string[]): boolean =>
    expected.every((w, j) => tokens[k + j]?.kind === "keyword" && tokens[k + j].value === w);
  if (!words(0, "CREATE", "VIRTUAL", "TABLE")) return "expected CREATE VIRTUAL TABLE name USING module(...)";
  let i = words(3, "IF", "NOT", "EXISTS") ? 6 : 3;
  if (tokens[i + 1]?.kind === "dot") i += 2;
  const name = tokens[i];
  if (name === undefined || (name.kind !== "ident" && name.kind !== "keyword" && name.kind !== "string")) {
    return "expected a table name after CREATE VIRTUAL TABLE";
  }
  if (!words(i + 1, "USING")) return "expected USING module(...) after the table name";
  const module = tokens[i + 2];
  if (module === undefined || (module.kind !== "ident" && module.kind !== "keyword")) return "expected a module name after USING";
  const rest = tokens.slice(i + 3);
  if (rest.length > 0 && rest[0].kind !== "lparen" && rest[0].kind !== "semicolon") return `unexpected \`${rest[0].text}\` after the module name`;
  const single = singleStatementError(tokens);
  if (single !== null) return single;
  return { name: name.value, module: module.value, sql: withoutTrailingSemicolon(sql) };
}

/**
 * A backfill as the SQL that runs: an expression as written, a bare `SELECT` wrapped in
 * parentheses (a scalar subquery), or a complete UPDATE / WITH ... UPDATE statement.
 */
export function backfillSql(text: string): { readonly sql: string } | { readonly error: string } {
  const expressionError = singleExpressionError(text);
  if (expressionError === null) return { sql: text };
  const { tokens, error } = tokenizeChecked(text);
  if (error !== null) return { error };
  const first = tokens[0];
  if (first?.kind === "keyword" && (first.value === "UPDATE" || first.value === "WITH")) {
    const single = singleStatementError(tokens);
    return single === null ? { sql: withoutTrailingSemicolon(text) } : { error: single };
  }
  if (first?.kind === "keyword" && first.value === "SELECT") {
    const wrapped = `(${withoutTrailingSemicolon(text)})`;
    const wrappedError = singleExpressionError(wrapped);
    return wrappedError === null ? { sql: wrapped } : { error: wrappedError };
  }
  return { error: `${expressionError} (a backfill is an expression, a SELECT returning one value, or an UPDATE statement)` };
}

/** Keywords that are also function names (`like(a, b)`, `replace(s, x, y)`, `CAST(x AS T)`). */
const CALLABLE_KEYWORDS = new Set(["CAST", "REPLACE", "LIKE", "GLOB", "REGEXP", "MATCH", "RAISE"]);

/**
 * True when `expr` is one token, or a call / parenthesised group spanning the whole text: what a
 * COLLATE after it applies to in full (COLLATE binds tighter than any operator).
 */
export function isPrimaryExpr(expr: string): boolean {
  const tokens = tokenize(expr);
  if (tokens.length <= 1) return true;
  const call = tokens[1].kind === "lparen" && (tokens[0].kind === "ident" || (tokens[0].kind === "keyword" && CALLABLE_KEYWORDS.has(tokens[0].value)));
  const open = tokens[0].kind === "lparen" ? 0 : call ? 1 : -1;
  if (open < 0) return false;
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].kind === "lparen") depth++;
    else if (tokens[k].kind === "rparen" && --depth === 0) return k === tokens.length - 1;
  }
  return false;
}
