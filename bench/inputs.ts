/**
 * The bench's generated inputs, built once per bench run and shared between suites: the synthetic
 * plan schemas (database + YAML), the 1M-row rebuild table, and the size-scaling databases.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Schema } from "../src/model.js";
import { createDatabase, databaseBytes, growTo, type Builder } from "./build-db.js";
import type { BenchContext } from "./harness.js";
import { changedSchema, syntheticSql, type ChangeKind } from "./synth.js";
import { mb, ms } from "./util.js";

/** A database with its declared schemas. */
export interface PlanInput {
  readonly db: string;
  /** The database's own schema as YAML (a no-op plan). */
  readonly noop: string;
  /** Every tenth table changed. */
  readonly changed: string;
  readonly kinds: Readonly<Record<ChangeKind, number>>;
  readonly bytes: number;
}

/** The schema of a database file, read with the sql.js driver (what `dump` would print). */
export async function schemaOf(db: string): Promise<Schema> {
  const { loadSqlJs } = await import("../src/db/sqljs.js");
  const { openDatabaseFile } = await import("../src/db/file.js");
  const { introspect } = await import("../src/sqlite/introspect.js");
  const opened = openDatabaseFile(db, await loadSqlJs(), { maxBytes: Number.MAX_SAFE_INTEGER });
  if (!opened.ok) throw new Error(opened.diagnostics.map((d) => d.message).join("; "));
  try {
    const schema = introspect(opened.value.conn);
    if (!schema.ok) throw new Error(schema.diagnostics.map((d) => d.message).join("; "));
    return schema.value;
  } finally {
    opened.value.conn.close();
  }
}

/** The schema `ddl` creates, introspected from a scratch sql.js database (no need to load a big file). */
export async function schemaOfDdl(ddl: string): Promise<Schema> {
  const { loadSqlJs } = await import("../src/db/sqljs.js");
  const { introspect } = await import("../src/sqlite/introspect.js");
  const conn = (await loadSqlJs()).memory();
  try {
    conn.exec(ddl);
    const schema = introspect(conn);
    if (!schema.ok) throw new Error(schema.diagnostics.map((d) => d.message).join("; "));
    return schema.value;
  } finally {
    conn.close();
  }
}

/** Writes `schema` as YAML with the project's own `toYaml` (what `dump` writes). */
export async function writeYaml(path: string, schema: Schema): Promise<string> {
  const { toYaml } = await import("../src/dump/to-yaml.js");
  writeFileSync(path, toYaml(schema));
  return path;
}

async function cached<T>(ctx: BenchContext, key: string, make: () => Promise<T>): Promise<T> {
  if (!ctx.cache.has(key)) ctx.cache.set(key, await make());
  return ctx.cache.get(key) as T;
}

/** The synthetic schema of `tables` tables: database, no-op YAML and changed YAML. */
export function planInput(ctx: BenchContext, tables: number): Promise<PlanInput> {
  return cached(ctx, `plan-${tables}`, async () => {
    const started = performance.now();
    const db = join(ctx.dir, `plan-${tables}.db`);
    const runner = await createDatabase(db, true);
    runner.exec(syntheticSql(tables));
    const bytes = databaseBytes(runner);
    runner.close();
    const schema = await schemaOf(db);
    const noop = await writeYaml(join(ctx.dir, `plan-${tables}.yaml`), schema);
    const changed = changedSchema(schema);
    const changedPath = await writeYaml(join(ctx.dir, `plan-${tables}-changed.yaml`), changed.schema);
    ctx.log(`built ${tables} tables (${mb(bytes)}) with ${runner.builder} in ${ms(performance.now() - started)}`);
    return { db, noop, changed: changedPath, kinds: changed.kinds, bytes };
  });
}

const EVENTS_DDL = `CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  amount INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  note TEXT
);`;
const EVENTS_INDEXES = `
CREATE INDEX idx_events_user ON events (user_id, created_at);
CREATE INDEX idx_events_kind ON events (kind);`;

const DOCS_DDL = `CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX idx_docs_title ON docs (title);`;

/** The rebuild table: `rows` rows, 2 indexes; the declared side changes a column's type. */
export interface RebuildInput {
  readonly db: string;
  readonly rows: number;
  readonly bytes: number;
  /** The declaration with `amount INTEGER` changed to `amount REAL` (a 12-step rebuild). */
  readonly schema: string;
  readonly builder: Builder;
}

/** The 1M-row (100k with --quick) rebuild input. */
export function rebuildInput(ctx: BenchContext): Promise<RebuildInput> {
  const rows = ctx.quick ? 100_000 : 1_000_000;
  return cached(ctx, "rebuild", async () => {
    const started = performance.now();
    const db = join(ctx.dir, `rebuild-${rows}.db`);
    const runner = await createDatabase(db, true);
    runner.exec(`
      ${EVENTS_DDL}
      WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${rows})
      INSERT INTO events (id, user_id, kind, amount, created_at, note)
      SELECT x, x % 5000, CASE x % 4 WHEN 0 THEN 'click' WHEN 1 THEN 'view' WHEN 2 THEN 'buy' ELSE 'share' END,
             (x * 7919) % 100000, datetime(1700000000 + x * 37, 'unixepoch'),
             CASE WHEN x % 3 = 0 THEN NULL ELSE 'note ' || x END
      FROM n;
      ${EVENTS_INDEXES}
    `);
    const bytes = databaseBytes(runner);
    runner.close();
    const schema = await schemaOfDdl(EVENTS_DDL + EVENTS_INDEXES);
    const desired: Schema = {
      ...schema,
      tables: schema.tables.map((t) => ({ ...t, columns: t.columns.map((c) => (c.name === "amount" ? { ...c, type: "REAL" } : c)) })),
    };
    const yaml = await writeYaml(join(ctx.dir, "rebuild.yaml"), desired);
    ctx.log(`built the ${rows}-row rebuild table (${mb(bytes)}) with ${runner.builder} in ${ms(performance.now() - started)}`);
    return { db, rows, bytes, schema: yaml, builder: runner.builder };
  });
}

/** A database of about `target` bytes for the additive change. */
export interface SizeInput {
  readonly db: string;
  readonly bytes: number;
  readonly rows: number;
  /** The declaration adding one nullable column. */
  readonly schema: string;
  readonly builder: Builder;
}

/** A `docs` table of ~1 kB rows (with an index) grown to `target` bytes. */
export function sizeInput(ctx: BenchContext, target: number): Promise<SizeInput> {
  return cached(ctx, `size-${target}`, async () => {
    const started = performance.now();
    const db = join(ctx.dir, `size-${target}.db`);
    // sql.js builds in memory, so only small files with it.
    const runner = await createDatabase(db, target <= 200e6);
    runner.exec(DOCS_DDL);
    const rows = growTo(
      runner,
      target,
      (from, to) => `
        WITH RECURSIVE n(x) AS (SELECT ${from} UNION ALL SELECT x + 1 FROM n WHERE x < ${to})
        INSERT INTO docs (id, title, body, created_at)
        SELECT x, 'document ' || x, printf('%08d ', x) || hex(zeroblob(480)), datetime(1700000000 + x, 'unixepoch') FROM n;`,
    );
    const bytes = databaseBytes(runner);
    runner.close();
    const schema = await schemaOfDdl(DOCS_DDL);
    const desired: Schema = {
      ...schema,
      tables: schema.tables.map((t) => ({
        ...t,
        columns: [...t.columns, { name: "tag", type: "TEXT", notNull: false, default: null, collate: null, generated: null, checks: [] }],
      })),
    };
    const yaml = await writeYaml(join(ctx.dir, `size-${target}.yaml`), desired);
    ctx.log(`built ${mb(bytes)} (${rows} rows) with ${runner.builder} in ${ms(performance.now() - started)}`);
    return { db, bytes, rows, schema: yaml, builder: runner.builder };
  });
}
