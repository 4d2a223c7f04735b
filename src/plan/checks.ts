/**
 * Builders for the data checks (rows that would violate a new rule) and loss estimates (values a
 * destructive step would drop) that steps carry. Every query is a plain SELECT with identifiers
 * quoted through sqlite/quote.ts; the applier runs them right before their step.
 */
import type { Table } from "../model.js";
import type { DataCheck, LossEstimate } from "./step.js";
import { asciiLower } from "../sqlite/names.js";
import { quoteIdent } from "../sqlite/quote.js";
import { tokenize } from "../sqlite/tokenize.js";
import { rowKeySql } from "./sql-facts.js";

/** A check over one table: offenders are the rows of `from` matching `where`. */
export function rowCheck(rule: string, table: Table, where: string, hint: string, from = quoteIdent(table.name)): DataCheck {
  return {
    rule,
    table: table.name,
    countSql: `SELECT count(*) AS n FROM ${from} WHERE ${where}`,
    sampleSql: `SELECT ${rowKeySql(table)} FROM ${from} WHERE ${where} LIMIT 5`,
    hint,
  };
}

/** A check that counts every row of `table` (a new NOT NULL column that no row has a value for). */
export function everyRowCheck(rule: string, table: Table, hint: string): DataCheck {
  const from = quoteIdent(table.name);
  return {
    rule,
    table: table.name,
    countSql: `SELECT count(*) AS n FROM ${from}`,
    sampleSql: `SELECT ${rowKeySql(table)} FROM ${from} LIMIT 5`,
    hint,
  };
}

/**
 * Duplicate groups under a new uniqueness rule. `terms` are SQL (with their COLLATE); rows where
 * any term is NULL never collide (https://www.sqlite.org/lang_createindex.html#unique_indexes).
 */
export function duplicatesCheck(rule: string, table: Table, terms: readonly string[], where: string | null, hint: string): DataCheck {
  const filters = [...terms.map((t) => `${stripCollate(t)} IS NOT NULL`), ...(where === null ? [] : [`(${where})`])];
  const keys = terms.map((_, i) => quoteIdent(`key${i + 1}`));
  // Grouped by the names of a derived table's columns: a term that is an integer constant
  // (a new key column's DEFAULT 0) would otherwise mean "the Nth result column"
  // (https://www.sqlite.org/lang_select.html, GROUP BY).
  const values = `SELECT ${terms.map((t, i) => `${stripCollate(t)} AS ${keys[i]}`).join(", ")} FROM ${quoteIdent(table.name)} WHERE ${filters.join(" AND ")}`;
  const grouped = `FROM (${values}) GROUP BY ${terms.map((t, i) => `${keys[i]}${collateOf(t)}`).join(", ")} HAVING count(*) > 1`;
  return {
    rule,
    table: table.name,
    countSql: `SELECT count(*) AS n FROM (SELECT 1 ${grouped})`,
    sampleSql: `SELECT ${keys.join(", ")}, count(*) AS n ${grouped} LIMIT 5`,
    hint,
  };
}

function collateOf(term: string): string {
  const at = term.lastIndexOf(" COLLATE ");
  return at < 0 ? "" : term.slice(at);
}

function stripCollate(term: string): string {
  const at = term.lastIndexOf(" COLLATE ");
  return at < 0 ? term : term.slice(0, at);
}

/** The rows of a dropped table. */
export function tableLoss(table: string): LossEstimate {
  return { table, column: null, countSql: `SELECT count(*) AS n FROM ${quoteIdent(table)}` };
}

/** The non-NULL values of a dropped column (or of values matching `where` in it). */
export function columnLoss(table: string, column: string, where = `${quoteIdent(column)} IS NOT NULL`): LossEstimate {
  return { table, column, countSql: `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE ${where}` };
}

/**
 * Rewrites an expression over the new table's columns into one over the old table: each
 * identifier naming a column (case-insensitively, as SQLite resolves names) becomes the SQL that
 * yields its value in the copy. A `qualifier.column` reference loses its qualifier.
 */
export function exprOverSources(expr: string, sources: ReadonlyMap<string, string>): string {
  const lower = new Map([...sources].map(([k, v]) => [asciiLower(k), v]));
  const tokens = tokenize(expr);
  let out = "";
  let at = 0;
  tokens.forEach((t, i) => {
    if (t.kind !== "ident") return;
    const replacement = lower.get(asciiLower(t.value));
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (replacement === undefined || next?.kind === "lparen" || next?.kind === "dot") return;
    if (prev?.kind === "keyword" && prev.value === "COLLATE") return;
    const start = prev?.kind === "dot" && tokens[i - 2] !== undefined ? tokens[i - 2].start : t.start;
    out += expr.slice(at, start) + replacement;
    at = t.end;
  });
  return out + expr.slice(at);
}
