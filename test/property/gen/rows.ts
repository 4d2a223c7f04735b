/**
 * Seed rows for the source database: random values (NULLs, duplicates, numbers as text, blobs,
 * orphans...) offered one row at a time to SQLite with foreign keys on; whatever the source
 * schema refuses is dropped, so the rows kept satisfy A but often not B.
 */
import type { Connection } from "../../../src/db/driver.js";
import type { Style } from "./render.js";
import { renderDdl } from "./render.js";
import { fold, type GSchema, type GTable, type Tape } from "./spec.js";

const NUMBERS = ["1", "2", "0", "-1", "3", "42", "1.5", "1.0", "-2.25", "7"];
const TEXTS = ["'a'", "'b'", "'A'", "'x y'", "''", "'12'", "'3.5'", "'it''s'", "'ünï'", "'2024-01-01'", "'a '"];
const OTHER = ["NULL", "X'00'", "X'cafe'", "NULL"];

function value(tape: Tape, type: string): string {
  const numeric = /INT|REAL|NUM|DEC|DOUB|BOOL|FLOA/i.test(type);
  const pool = tape.chance(70) ? (numeric ? NUMBERS : TEXTS) : tape.pick([NUMBERS, TEXTS, OTHER]);
  return tape.pick(pool);
}

/** Parents before children (cycles broken anywhere). */
function insertionOrder(s: GSchema): GTable[] {
  const out: GTable[] = [];
  const visit = (t: GTable, path: Set<number>): void => {
    if (out.includes(t) || path.has(t.id)) return;
    path.add(t.id);
    for (const fk of t.fks) {
      const p = s.tables.find((x) => x.id === fk.ref);
      if (p !== undefined) visit(p, path);
    }
    out.push(t);
  };
  for (const t of s.tables) visit(t, new Set());
  return out;
}

/** Builds A in `conn`: DDL in `style`, rows from `tape`; returns the SQL that rebuilds it. */
export function buildSource(conn: Connection, s: GSchema, style: Style, tape: Tape): string {
  const ddl = renderDdl(s, style);
  const script: string[] = [];
  const run = (sql: string): void => {
    conn.exec(sql);
    script.push(`${sql};`);
  };
  conn.exec("PRAGMA foreign_keys = ON");
  for (const sql of [...ddl.tables, ...ddl.indexes]) run(sql);
  for (const t of insertionOrder(s)) {
    const n = tape.chance(10) ? 0 : 2 + tape.int(tape.chance(10) ? 40 : 10);
    const writable = t.cols.filter((c) => c.gen === null);
    for (let k = 0; k < n; k++) {
      const cols = writable.filter((c) => !tape.chance(c.notNull ? 3 : 12));
      const values = cols.map((c) => {
        const fk = t.fks.find((f) => f.cols.includes(c.id));
        if (fk !== undefined && tape.chance(60)) {
          const parentValue = pickParentValue(conn, s, fk, c.id, tape);
          if (parentValue !== null) return parentValue;
        }
        return value(tape, c.type);
      });
      const sql =
        cols.length === 0
          ? `INSERT INTO ${q(t.name)} DEFAULT VALUES`
          : `INSERT INTO ${q(t.name)} (${cols.map((c) => q(c.name)).join(", ")}) VALUES (${values.join(", ")})`;
      try {
        conn.exec(sql);
        script.push(`${sql};`);
      } catch {
        // The source schema refuses this row: leave it out.
      }
    }
  }
  // Now and then the newest row goes again, so AUTOINCREMENT counters run ahead of max(rowid).
  for (const t of s.tables) {
    const rowid = ["rowid", "oid", "_rowid_"].find((n) => !t.cols.some((c) => fold(c.name) === n));
    if (t.wr || rowid === undefined || !tape.chance(20)) continue;
    const sql = `DELETE FROM ${q(t.name)} WHERE ${rowid} = (SELECT max(${rowid}) FROM ${q(t.name)})`;
    try {
      conn.exec(sql);
      script.push(`${sql};`);
    } catch {
      // A foreign key forbids it: keep the row.
    }
  }
  for (const sql of [...ddl.views, ...ddl.triggers]) run(sql);
  return script.join("\n");
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A value of the referenced parent column taken from an existing parent row, as SQL. */
function pickParentValue(conn: Connection, s: GSchema, fk: GSchema["tables"][number]["fks"][number], col: number, tape: Tape): string | null {
  const parent = s.tables.find((t) => t.id === fk.ref)!;
  const refCols = fk.refCols ?? parent.pk?.cols ?? [];
  const refId = refCols[fk.cols.indexOf(col)];
  const refCol = parent.cols.find((c) => c.id === refId);
  if (refCol === undefined) return null;
  const rows = conn.query(`SELECT quote(${q(refCol.name)}) AS v FROM ${q(parent.name)}`);
  return rows.length === 0 ? null : String(rows[tape.int(rows.length)]!.v);
}
