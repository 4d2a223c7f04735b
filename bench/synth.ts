/**
 * Deterministic synthetic schemas for the plan rows: N tables of 15 columns, 3 indexes each (one
 * UNIQUE, one partial, one with a DESC term), foreign keys to earlier tables, CHECKs, defaults,
 * views on 5% of the tables and triggers on another 5%; a few rows in every table. And the
 * "10% changed" declaration: every tenth table changed in one of four ways, from an added column
 * (ALTER) to a type change (rebuild).
 */
import type { Column, Index, Schema, Table } from "../src/model.js";
import { sortByName } from "../src/sqlite/names.js";
import { assertNever } from "./util.js";

/** Zero-padded table name, so byte order is numeric order. */
export function tableName(i: number): string {
  return `t${String(i).padStart(4, "0")}`;
}

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_TYPES = ["INTEGER", "TEXT", "REAL", "VARCHAR(64)", "DATETIME", "NUMERIC(10, 2)"];

/** The DDL and rows of a schema with `count` tables, as one script. */
export function syntheticSql(count: number, rowsPerTable = 5): string {
  const rng = random(count);
  const out: string[] = ["PRAGMA foreign_keys = OFF;", "BEGIN;"];
  for (let i = 1; i <= count; i++) {
    const t = tableName(i);
    const parent = tableName(i === 1 ? 1 : i - 1);
    const owner = tableName(1 + Math.floor(rng() * i));
    const extra = [0, 1].map((k) => `  x${k}_${i % 7} ${EXTRA_TYPES[Math.floor(rng() * EXTRA_TYPES.length)]}`);
    const columns = [
      "  id INTEGER PRIMARY KEY",
      `  parent_id INTEGER REFERENCES ${parent}(id) ON DELETE CASCADE`,
      `  owner_id INTEGER REFERENCES ${owner}(id) ON DELETE SET NULL`,
      "  code TEXT NOT NULL",
      "  name TEXT NOT NULL COLLATE NOCASE",
      "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'archived'))",
      "  qty INTEGER NOT NULL DEFAULT 1 CHECK (qty >= 0)",
      "  amount REAL DEFAULT 0",
      "  score NUMERIC",
      "  flag BOOLEAN NOT NULL DEFAULT 0",
      "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP",
      "  updated_at TEXT",
      "  note TEXT",
      ...extra,
    ];
    if (i % 2 === 1) columns.push("  CHECK (amount IS NULL OR amount < 1e12)");
    out.push(`CREATE TABLE ${t} (\n${columns.join(",\n")}\n);`);
    out.push(`CREATE UNIQUE INDEX ${t}_code ON ${t} (code);`);
    out.push(`CREATE INDEX ${t}_parent ON ${t} (parent_id, created_at DESC);`);
    out.push(`CREATE INDEX ${t}_open ON ${t} (owner_id, qty) WHERE status = 'open';`);
    if (i % 20 === 0) out.push(`CREATE VIEW v_${t} AS SELECT id, name, status FROM ${t} WHERE status = 'open';`);
    if (i % 20 === 10) {
      out.push(
        `CREATE TRIGGER trg_${t}_touch AFTER UPDATE OF status ON ${t} FOR EACH ROW BEGIN ` +
          `UPDATE ${t} SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;`,
      );
    }
    if (rowsPerTable > 0) {
      out.push(
        `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${rowsPerTable}) ` +
          `INSERT INTO ${t} (id, parent_id, owner_id, code, name, status, qty, amount, score, flag, note) ` +
          `SELECT x, NULL, NULL, 'c' || x, 'name ' || x, CASE x % 2 WHEN 0 THEN 'open' ELSE 'done' END, x, x * 1.5, x, x % 2, NULL FROM n;`,
      );
    }
  }
  out.push("COMMIT;");
  return `${out.join("\n")}\n`;
}

/** What kind of change a changed table gets. */
export type ChangeKind = "add column" | "add index" | "change type" | "change partial index";

const KINDS: readonly ChangeKind[] = ["add column", "add index", "change type", "change partial index"];

/** `schema` with every tenth table changed (kinds in rotation); the count of each kind. */
export function changedSchema(schema: Schema): { readonly schema: Schema; readonly kinds: Readonly<Record<ChangeKind, number>> } {
  const kinds: Record<ChangeKind, number> = { "add column": 0, "add index": 0, "change type": 0, "change partial index": 0 };
  const tables = schema.tables.map((table, k) => {
    if (k % 10 !== 5) return table;
    const kind = KINDS[Math.floor(k / 10) % KINDS.length];
    kinds[kind]++;
    return changeTable(table, kind);
  });
  return { schema: { ...schema, tables }, kinds };
}

function changeTable(table: Table, kind: ChangeKind): Table {
  switch (kind) {
    case "add column": {
      const extra: Column = { name: "extra", type: "TEXT", notNull: false, default: null, collate: null, generated: null, checks: [] };
      return { ...table, columns: [...table.columns, extra] };
    }
    case "add index": {
      const index: Index = {
        name: `${table.name}_name_status`,
        table: table.name,
        unique: false,
        keys: ["name", "status"].map((column) => ({ column, expr: null, collate: null, desc: false })),
        where: null,
      };
      return { ...table, indexes: sortByName([...table.indexes, index]) };
    }
    case "change type":
      return { ...table, columns: table.columns.map((c) => (c.name === "score" ? { ...c, type: "REAL" } : c)) };
    case "change partial index":
      return {
        ...table,
        indexes: table.indexes.map((i) => (i.where === null ? i : { ...i, where: "status <> 'archived'" })),
      };
    default:
      return assertNever(kind);
  }
}
