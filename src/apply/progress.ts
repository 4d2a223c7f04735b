/**
 * Progress of a running apply, for a TTY. SQLite copies a rebuilt table's rows in one
 * `INSERT ... SELECT` statement, which cannot report per row, so a copy is reported before
 * (rows to copy) and after (rows copied).
 */
import type { Connection } from "../db/driver.js";
import type { Step } from "../plan/step.js";
import { quoteIdent } from "../sqlite/quote.js";
import { tokenize } from "../sqlite/tokenize.js";

/** One progress report. */
export type ProgressEvent =
  | {
      readonly kind: "step";
      /** 1-based. */
      readonly index: number;
      readonly count: number;
      readonly why: string;
      readonly table: string | null;
    }
  | { readonly kind: "copy-start"; readonly table: string; readonly total: number | null }
  | { readonly kind: "copy-done"; readonly table: string; readonly copied: number; readonly total: number | null };

/** Receives progress reports. */
export type ProgressListener = (event: ProgressEvent) => void;

/**
 * The table a rebuild's row copy reads from, when `sql` is an `INSERT ... SELECT ... FROM t`
 * (the first FROM outside parentheses); null for any other statement.
 */
export function copySource(sql: string): string | null {
  const tokens = tokenize(sql);
  if (tokens[0]?.kind !== "keyword" || tokens[0].value !== "INSERT") return null;
  let depth = 0;
  let sawSelect = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === "lparen") depth++;
    else if (token.kind === "rparen") depth--;
    else if (depth === 0 && token.kind === "keyword" && token.value === "SELECT") sawSelect = true;
    else if (depth === 0 && sawSelect && token.kind === "keyword" && token.value === "FROM") {
      let name: string | null = null;
      // `schema.table`: the last name of a dotted chain.
      for (let j = i + 1; tokens[j]?.kind === "ident"; j += 2) {
        name = tokens[j].value;
        if (tokens[j + 1]?.kind !== "dot") break;
      }
      return name;
    }
  }
  return null;
}

/** Rows in `table`, or null when it cannot be counted (it does not exist). */
export function countRows(conn: Connection, table: string): number | null {
  try {
    const row = conn.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)[0];
    return row ? Number(row.n) : null;
  } catch {
    return null;
  }
}

/**
 * Runs one statement of a step, reporting a rebuild's row copy around it.
 * Other statements just run.
 */
export function runWithProgress(conn: Connection, step: Step, sql: string, listener: ProgressListener | undefined): void {
  const source = listener && step.rebuild ? copySource(sql) : null;
  if (!listener || source === null) {
    conn.exec(sql);
    return;
  }
  const total = countRows(conn, source);
  listener({ kind: "copy-start", table: source, total });
  conn.exec(sql);
  // changes(): rows inserted by the statement that just completed (https://www.sqlite.org/lang_corefunc.html#changes).
  const copied = Number(conn.query("SELECT changes() AS n")[0]?.n ?? 0);
  listener({ kind: "copy-done", table: source, copied, total });
}
