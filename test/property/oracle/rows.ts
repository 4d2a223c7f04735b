/** Row-level comparison of the migrated database against the reference, by exact quote() text. */
import type { Connection } from "../../../src/db/driver.js";
import type { GSchema } from "../gen/spec.js";
import type { Filled } from "./reference.js";

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const TIME_DEPENDENT = /CURRENT_(TIMESTAMP|DATE|TIME)/i;

/**
 * Every row of every table of B, live vs reference, as multisets of `quote()` tuples (so 1,
 * 1.0, '1' and X'01' all differ), rowid included where it was copied. Columns new in B are
 * compared by storage class only: ADD COLUMN gives existing rows the DEFAULT converted the way
 * SQLite reads it back (`TEXT DEFAULT 1e3` reads '1e3'), an INSERT converts it by affinity
 * ('1000.0'); both are SQLite's doing. Columns with a time-dependent default are left out.
 * Returns the differences found.
 */
export function rowDifferences(live: Connection, ref: Connection, b: GSchema, filled: readonly Filled[]): string[] {
  const problems: string[] = [];
  for (const f of filled) {
    const t = b.tables.find((x) => x.name === f.table)!;
    const exact = (c: GSchema["tables"][number]["cols"][number]): boolean => f.mapped.has(c.name) || f.computed.has(c.name) || c.gen !== null;
    const kept = t.cols.filter((c) => exact(c) || !TIME_DEPENDENT.test(c.dflt ?? ""));
    const cols = kept.map((c) => c.name);
    const rowidName = ["rowid", "oid", "_rowid_"].find((n) => !t.cols.some((c) => c.name.toLowerCase() === n));
    const exprs = [
      ...(f.rowid && rowidName ? [`quote(${rowidName})`] : []),
      ...kept.map((c) => (exact(c) ? `quote(${q(c.name)})` : `typeof(${q(c.name)})`)),
    ];
    if (exprs.length === 0) continue;
    const read = (conn: Connection, schema: string): string[] =>
      conn.query(`SELECT json_array(${exprs.join(", ")}) AS r FROM ${schema}.${q(t.name)}`).map((r) => String(r.r)).sort();
    const [got, want] = [read(live, "main"), read(ref, "ref")];
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const extra = got.filter((r) => !want.includes(r));
      const missing = want.filter((r) => !got.includes(r));
      problems.push(`${t.name} [${f.rowid ? "rowid, " : ""}${cols.join(", ")}]: ${got.length} rows, expected ${want.length}; unexpected ${extra.slice(0, 3).join(" ")}; missing ${missing.slice(0, 3).join(" ")}`);
    }
  }
  return problems;
}

/** sqlite_sequence as a map (table -> seq), empty when there is none. */
export function sequences(conn: Connection, schema = "main"): Map<string, number> {
  const exists = conn.query(`SELECT 1 FROM ${schema}.sqlite_schema WHERE name = 'sqlite_sequence'`).length > 0;
  if (!exists) return new Map();
  return new Map(conn.query(`SELECT name, seq FROM ${schema}.sqlite_sequence`).map((r) => [String(r.name), Number(r.seq)]));
}

/** Every row of every ordinary table, with its rowid where it has one: a logical image of the data. */
export function contentOf(conn: Connection): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const tables = conn.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").map((r) => String(r.name));
  for (const t of tables) {
    const cols = conn.query("SELECT name FROM pragma_table_xinfo(?)", [t]).map((r) => String(r.name));
    const wr = Number(conn.query("SELECT wr FROM pragma_table_list WHERE name = ? AND schema = 'main'", [t])[0]?.wr ?? 0) === 1;
    const rowid = wr ? undefined : ["rowid", "oid", "_rowid_"].find((n) => !cols.some((c) => c.toLowerCase() === n));
    const exprs = [...(rowid ? [`quote(${rowid})`] : []), ...cols.map((c) => `quote(${q(c)})`)];
    out[t] = conn.query(`SELECT json_array(${exprs.join(", ")}) AS r FROM ${q(t)}`).map((r) => String(r.r)).sort();
  }
  return out;
}
