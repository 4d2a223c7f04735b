/**
 * The reference: B built from scratch in a schema `ref` attached next to a copy of A, filled
 * with A's rows the way a careful rebuild would (INSERT OR ABORT ... SELECT, explicit column
 * lists, rowids kept). Whether that works is the oracle's verdict on the data: a constraint that
 * fails here means the data really violates B.
 */
import type { Connection, Driver } from "../../../src/db/driver.js";
import type { RenameHints } from "../gen/mutate.js";
import { renderDdl, type Style } from "../gen/render.js";
import { fold, type GSchema, type GTable } from "../gen/spec.js";

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** How one table of B was filled. */
export interface Filled {
  /** The B table name. */
  readonly table: string;
  /** The A table it was copied from, or null for a new table. */
  readonly source: string | null;
  /** B column -> A column, for the columns whose values were copied. */
  readonly mapped: ReadonlyMap<string, string>;
  /** B column -> its backfill, evaluated over A's row. */
  readonly computed: ReadonlyMap<string, string>;
  /** True when rowids were copied (both sides are rowid tables with a usable rowid name). */
  readonly rowid: boolean;
}

/** The reference database and the verdict on the data. */
export interface Reference {
  readonly conn: Connection;
  /** Why A's rows cannot live under B, or null when they can. */
  readonly violations: string[];
  readonly filled: readonly Filled[];
}

/** Thrown when B itself does not build: a generator bug, not a finding about the tool. */
export class InvalidSpec extends Error {}

/** A name under which the table's rowid can be read, or null (all three are columns, or no rowid). */
export function rowidName(t: GTable): string | null {
  if (t.wr) return null;
  return ["rowid", "oid", "_rowid_"].find((n) => !t.cols.some((c) => fold(c.name) === n)) ?? null;
}

/** The column that is an alias for the rowid (INTEGER PRIMARY KEY, not DESC), or null. */
export function rowidAlias(t: GTable): string | null {
  if (t.wr || t.pk === null || t.pk.cols.length !== 1 || t.pk.desc) return null;
  const c = t.cols.find((x) => x.id === t.pk!.cols[0])!;
  return /^integer$/i.test(c.type) ? c.name : null;
}

/** Builds the reference for A (the image `aBytes`, spec `a`) -> B. */
export function buildReference(driver: Driver, aBytes: Uint8Array, a: GSchema, b: GSchema, hints: RenameHints, style: Style): Reference {
  const conn = driver.fromBytes(aBytes);
  conn.exec("PRAGMA foreign_keys = OFF; ATTACH DATABASE ':memory:' AS ref");
  const ddl = renderDdl(b, style, "ref.");
  const build = (sql: string): void => {
    try {
      conn.exec(sql);
    } catch (e) {
      throw new InvalidSpec(`B does not build: ${(e as Error).message}\n${sql}`);
    }
  };
  for (const sql of ddl.tables) build(sql);
  const violations: string[] = [];
  const filled: Filled[] = [];
  for (const tb of b.tables) {
    // By name as the tool matches them: a hinted rename, else the same name, else one that
    // differs only in letter case (the same table or column to SQLite).
    const byName = <T extends { name: string }>(xs: readonly T[], n: string): T | undefined =>
      xs.find((x) => x.name === n) ?? xs.find((x) => fold(x.name) === fold(n));
    const ta = byName(a.tables, hints.tables.get(tb.name) ?? tb.name);
    if (ta === undefined) {
      filled.push({ table: tb.name, source: null, mapped: new Map(), computed: new Map(), rowid: false });
      continue;
    }
    const renames = hints.columns.get(tb.name);
    const computed = new Map(hints.backfills?.get(tb.name) ?? []);
    const mapped = new Map<string, string>();
    for (const cb of tb.cols) {
      const from = renames?.get(cb.name) ?? cb.name;
      const ca = byName(ta.cols, from);
      // A generated column that becomes a plain one keeps the values it computed.
      if (cb.gen === null && ca !== undefined) mapped.set(cb.name, ca.name);
    }
    const [ra, rb] = [rowidName(ta), rowidName(tb)];
    const alias = rowidAlias(tb);
    const rowid = ra !== null && rb !== null && (alias === null || !mapped.has(alias));
    filled.push({ table: tb.name, source: ta.name, mapped, computed, rowid });
    const into = [...(rowid ? [rb!] : []), ...[...mapped.keys()].map(q), ...[...computed.keys()].map(q)];
    const from = [...(rowid ? [ra!] : []), ...[...mapped.values()].map(q), ...[...computed.values()].map((e) => `(${e})`)];
    try {
      if (into.length > 0) {
        conn.exec(`INSERT OR ABORT INTO ref.${q(tb.name)} (${into.join(", ")}) SELECT ${from.join(", ")} FROM main.${q(ta.name)}`);
      } else {
        // No value survives, but every row does: each gets B's defaults.
        const n = Number(conn.query(`SELECT count(*) AS n FROM main.${q(ta.name)}`)[0]!.n);
        for (let k = 0; k < n; k++) conn.exec(`INSERT OR ABORT INTO ref.${q(tb.name)} DEFAULT VALUES`);
      }
    } catch (e) {
      violations.push(`${tb.name}: ${(e as Error).message}`);
    }
  }
  for (const [k, sql] of ddl.indexes.entries()) {
    try {
      conn.exec(sql);
    } catch (e) {
      const unique = b.tables.flatMap((t) => t.indexes)[k]?.unique ?? false;
      if (!unique) throw new InvalidSpec(`B index does not build: ${(e as Error).message}\n${sql}`);
      violations.push(`index: ${(e as Error).message}`);
    }
  }
  // Orphans A already had are not B's doing: the tool keeps them (it refuses only new ones).
  const before = orphanKeys(conn, "main", hints);
  const orphans = orphanKeys(conn, "ref", { tables: new Map(), columns: new Map() }).filter((k) => {
    const at = before.indexOf(k);
    if (at >= 0) before.splice(at, 1);
    return at < 0;
  });
  if (orphans.length > 0) violations.push(`foreign keys: ${orphans.length} new violations, e.g. ${orphans[0]}`);
  for (const sql of [...ddl.views, ...ddl.triggers]) build(sql);
  return { conn, violations, filled };
}

/**
 * foreign_key_check of schema `db` as `table|rowid|parent|columns` keys, table names as B spells them
 * (A's renamed tables under their new names). WITHOUT ROWID rows have no rowid to tell them
 * apart, so their keys repeat: compare as multisets.
 */
export function orphanKeys(conn: Connection, db: string, hints: RenameHints): string[] {
  const newName = new Map([...hints.tables].map(([to, from]) => [from, to]));
  const name = (t: unknown): string => fold(newName.get(String(t)) ?? String(t));
  const columns = (table: unknown, id: unknown): string => {
    const renamed = new Map([...(hints.columns.get(newName.get(String(table)) ?? String(table)) ?? new Map<string, string>())].map(([to, from]) => [from, to]));
    return conn
      .query(`SELECT "from" AS c FROM pragma_foreign_key_list(?, ?) WHERE id = ? ORDER BY seq`, [String(table), db, Number(id)])
      .map((r) => fold(renamed.get(String(r.c)) ?? String(r.c)))
      .join(",");
  };
  return conn
    .query(`PRAGMA ${db}.foreign_key_check`)
    .map((r) => `${name(r.table)}|${String(r.rowid)}|${name(r.parent)}|${columns(r.table, r.fkid)}`)
    .sort();
}
