/**
 * Counts what a rebuild's copy tripped over when SQLite itself refused it. The data checks run
 * before each step emulate SQLite in SQL over the old table, and some rules cannot be emulated
 * there (a CHECK comparing under the new column's affinity: `'1' IN (1)` holds in a TEXT column,
 * not in an ANY one). When the copy fails on a constraint, it runs once more under a savepoint as
 * INSERT OR IGNORE, which skips each row breaking a CHECK, NOT NULL, UNIQUE or PRIMARY KEY
 * (https://www.sqlite.org/lang_conflict.html); the skipped rows are counted and sampled, and the
 * savepoint is rolled back. The refusal then has counts like any other.
 */
import type { Connection } from "../db/driver.js";
import type { Diagnostic } from "../errors.js";
import type { Step } from "../plan/step.js";
import { quoteIdent } from "../sqlite/quote.js";
import { tokenize } from "../sqlite/tokenize.js";
import { formatRow, plural } from "./preflight.js";
import { copySource } from "./progress.js";

const COPY = /^INSERT OR ABORT INTO /;

/** A REFUSED_DATA diagnostic with the rows `sql` (a rebuild's copy) could not copy; null when it cannot tell. */
export function diagnoseCopy(conn: Connection, sql: string, failure: string, step: Step, index: number, count: number): Diagnostic | null {
  const source = copySource(sql);
  const tokens = COPY.test(sql) ? tokenize(sql) : [];
  const target = tokens[4];
  if (source === null || target?.kind !== "ident") return null;
  // The copy carries the rowid when its column list starts with it (`rowid`, or `_rowid_`/`oid`
  // where a column is named rowid): then the skipped rows are the ones missing from the copy.
  const first = tokens[5]?.kind === "lparen" ? tokens[6] : undefined;
  const rowid = first !== undefined && ["rowid", "_rowid_", "oid"].includes(first.value.toLowerCase()) ? first.text : null;
  conn.exec("SAVEPOINT schemadiff_diagnose");
  try {
    conn.exec(sql.replace(COPY, "INSERT OR IGNORE INTO "));
    const rows = (table: string): number => Number(conn.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)[0]?.n ?? 0);
    const skipped = rows(source) - rows(target.value);
    if (skipped <= 0) return null;
    const table = step.table ?? source;
    const samples =
      rowid === null
        ? []
        : conn.query(`SELECT ${rowid} FROM ${quoteIdent(source)} WHERE ${rowid} NOT IN (SELECT ${rowid} FROM ${quoteIdent(target.value)}) ORDER BY ${rowid} LIMIT 5`);
    return {
      code: "REFUSED_DATA",
      message:
        `${failure} (or another rule of the rebuilt ${table}): ${plural(skipped, "row")} in ${table} ${skipped === 1 ? "violates" : "violate"} it` +
        (samples.length > 0 ? `, e.g. ${samples.map(formatRow).join("; ")}` : "") +
        ` (step ${index}/${count}: ${step.why}). Nothing was written.`,
      hint: "fix these rows so they meet the new definition, or change it (SQLite refused them as it copied the table)",
    };
  } catch {
    // Not a constraint OR IGNORE skips (a STRICT type error, say): SQLite's own message stands.
    return null;
  } finally {
    conn.exec("ROLLBACK TO schemadiff_diagnose");
    conn.exec("RELEASE schemadiff_diagnose");
  }
}
