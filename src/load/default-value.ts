/**
 * Column defaults between YAML and SQL, both directions in one place so they stay inverses
 * (docs/FORMAT.md "Defaults"). `sqlToDefault` always returns a value that `defaultToSql` maps
 * back to exactly the same SQL text.
 */
import { quoteString } from "../sqlite/quote.js";

/** A `default:` value as YAML holds it. `{ sql }` is SQL written after DEFAULT verbatim. */
export type DefaultValue = string | number | boolean | null | { readonly sql: string };

// https://www.sqlite.org/syntax/numeric-literal.html (with an optional sign, and the `_` digit
// separators SQLite accepts since 3.46).
const DIGITS = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(
  String.raw`^[+-]?(?:0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?)$`,
);
const STRING_LITERAL = /^'(?:[^']|'')*'$/;
const BLOB_LITERAL = /^[xX]'[0-9a-fA-F]*'$/;
const PARENTHESISED = /^\(.*\)$/s;
const KEYWORDS = new Set(["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "NULL", "TRUE", "FALSE"]);

/** True when `text` is an SQL numeric literal, optionally signed (`-1.5`, `0x1F`, `1e3`). */
export function isSqlNumber(text: string): boolean {
  return NUMBER.test(text);
}

/**
 * True when a YAML string default is SQL rather than a text value: a number, a 'quoted string',
 * an X'blob', a (parenthesised expression), or CURRENT_TIMESTAMP/DATE/TIME, NULL, TRUE, FALSE.
 */
export function looksLikeSql(text: string): boolean {
  return (
    isSqlNumber(text) ||
    STRING_LITERAL.test(text) ||
    BLOB_LITERAL.test(text) ||
    PARENTHESISED.test(text) ||
    KEYWORDS.has(text.toUpperCase())
  );
}

/**
 * The SQL for a YAML default. `numberText` is how a plain YAML number was written (`1.50`),
 * kept when it is valid SQL so the declared text is exactly what the user wrote.
 */
export function defaultToSql(value: DefaultValue, numberText?: string): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (numberText !== undefined && isSqlNumber(numberText)) return numberText;
    // SQLite reads an overflowing literal as +/-Inf and stores NaN as NULL.
    if (Number.isNaN(value)) return "NULL";
    if (!Number.isFinite(value)) return value > 0 ? "9e999" : "-9e999";
    return String(value);
  }
  if (typeof value === "string") return looksLikeSql(value) ? value : quoteString(value);
  return value.sql;
}

/** The shortest YAML value whose `defaultToSql` is exactly `sql`. */
export function sqlToDefault(sql: string): DefaultValue {
  for (const candidate of candidates(sql)) {
    const text = typeof candidate === "number" ? String(candidate) : undefined;
    if (defaultToSql(candidate, text) === sql) return candidate;
  }
  return { sql };
}

function candidates(sql: string): DefaultValue[] {
  const list: DefaultValue[] = [];
  if (sql === "NULL") list.push(null);
  // Only when the number prints back as the same text: `1.50`, `0x1F` and `-0` stay strings.
  if (/^-?\d/.test(sql) && isSqlNumber(sql) && String(Number(sql)) === sql) list.push(Number(sql));
  if (STRING_LITERAL.test(sql)) list.push(sql.slice(1, -1).replaceAll("''", "'"));
  list.push(sql);
  return list;
}
