/**
 * The only quoting code in the project (https://www.sqlite.org/lang_keywords.html).
 * Identifiers are always double-quoted with embedded `"` doubled; strings are single-quoted
 * with embedded `'` doubled. Nothing else is ever interpolated into SQL.
 */
import { isKeyword } from "./keywords.js";

/** `name` as a double-quoted SQL identifier: `my "x"` -> `"my ""x"""`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `value` as a single-quoted SQL string literal: `it's` -> `'it''s'`. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Words that are not keywords but change meaning when unquoted: bare TRUE/FALSE are boolean
 * literals unless a column of that name exists (https://www.sqlite.org/lang_expr.html#booleanexpr).
 */
const SPECIAL_BARE = new Set(["TRUE", "FALSE"]);

/** True when `name` can be written bare: plain ASCII word, not a keyword, not TRUE/FALSE. */
export function isBareIdent(name: string): boolean {
  return (
    /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !isKeyword(name) && !SPECIAL_BARE.has(name.toUpperCase())
  );
}

/** `name` bare when that is unambiguous, else quoted: the canonical spelling of an identifier. */
export function quoteIdentIfNeeded(name: string): string {
  return isBareIdent(name) ? name : quoteIdent(name);
}
