/**
 * The golden-case harness (sqldef's tests.yml idea, with data). A case is a YAML file:
 *
 *   about:   one line
 *   current: SQL that builds the database, WITH seed rows in every table
 *   desired: the declared schema (docs/FORMAT.md)
 *   target:  optional --target-sqlite
 *   refused: optional [{ rule, count }]: the plan must stop on these data checks, changing nothing
 *   verify:  optional [{ sql, rows }]: queries that must return exactly these rows after apply
 *   lossy:   optional ["table.column"]: values whose form may change (a type change); not compared
 *   reverse: optional false (with `why`): skip the way back
 *   skip:    optional { native | sqljs | shell: why }: the case cannot run on that driver's SQLite
 *            build, or its golden script cannot be judged by the installed sqlite3 shell
 *            (e.g. FTS5 exists only in the native build; double-quoted string literals are errors
 *            there, https://www.sqlite.org/quirks.html#dblquote); the reason shows in the test title
 *
 * and next to it `<name>.sql`, the golden `plan --format sql` script. Phases: plan equals the
 * golden; apply succeeds; re-plan is empty; every seeded row is intact; then the way back: the
 * dump of the original schema as the desired one (renames inverted), with the same checks.
 * Plans run through the product's own transaction code (src/apply/apply.ts), so every apply is
 * also verified before COMMIT exactly as `schemadiff apply` verifies it.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { engineTooOld, runPlan, type RunOutcome } from "../../src/apply/apply.js";
import type { Connection, Driver, Row, SqlValue } from "../../src/db/driver.js";
import { diffSchemas } from "../../src/diff/diff-schema.js";
import { toYaml } from "../../src/dump/to-yaml.js";
import { loadSchemaFromText } from "../../src/load/index.js";
import type { Diagnostic, Result } from "../../src/errors.js";
import type { Hints, Schema, Table } from "../../src/model.js";
import { planChanges } from "../../src/plan/plan.js";
import { renderScript } from "../../src/plan/render-script.js";
import { rowidAliasColumn, rowidName } from "../../src/plan/sql-facts.js";
import type { Plan } from "../../src/plan/step.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { quoteIdent } from "../../src/sqlite/quote.js";

/** One case file, parsed. */
export interface Case {
  readonly about: string;
  readonly current: string;
  readonly desired: string;
  readonly target?: string;
  readonly refused?: readonly { rule: string; count: number }[];
  readonly verify?: readonly { sql: string; rows: readonly Record<string, unknown>[] }[];
  readonly lossy?: readonly string[];
  readonly reverse?: boolean;
  /** Tables allowed to start empty (default: none; seed every table). */
  readonly empty?: readonly string[];
  /** Drivers whose SQLite build cannot run the case (or `shell`), each with the reason. */
  readonly skip?: Readonly<Partial<Record<Driver["name"] | "shell", string>>>;
}

/** Reads and shape-checks a case file. */
export function readCase(path: string): Case {
  const raw = parse(readFileSync(path, "utf8")) as Case;
  if (typeof raw?.about !== "string" || typeof raw.current !== "string" || typeof raw.desired !== "string") {
    throw new Error(`${path}: a case needs about, current and desired`);
  }
  for (const [name, why] of Object.entries(raw.skip ?? {})) {
    if (!["native", "sqljs", "shell"].includes(name) || typeof why !== "string" || why.trim() === "") {
      throw new Error(`${path}: skip maps a driver (native, sqljs) or shell to the reason it cannot run the case`);
    }
  }
  return raw;
}

/** Unwraps a Result or throws its diagnostics (test code only). */
export function must<T>(r: { ok: true; value: T } | { ok: false; diagnostics: readonly unknown[] }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}

/** The plan from the database's schema to a desired one. */
export function planFor(conn: Connection, desired: Schema, hints: Hints, target?: string): { plan: Plan; current: Schema } {
  const current = must(introspect(conn), "introspect");
  const changes = must(diffSchemas(current, desired, hints), "diff");
  return { plan: planChanges(changes, current, desired, hints, target === undefined ? {} : { targetSqlite: target }), current };
}

/** The golden text of a plan. */
export function script(plan: Plan): string {
  return renderScript(plan, { from: "current", to: "desired" });
}

/** Rows of every table, keyed for comparison: `rowid` when the table has one. */
export type Snapshot = ReadonlyMap<string, { readonly table: Table; readonly rows: readonly Row[] }>;

/** Every row of every table (with its rowid under `__rowid` where readable). */
export function snapshot(conn: Connection, schema: Schema): Snapshot {
  const out = new Map<string, { table: Table; rows: Row[] }>();
  for (const t of schema.tables) {
    const rowid = rowidName(t);
    const rows = conn.query(`SELECT ${rowid === null ? "" : `${rowid} AS __rowid, `}* FROM ${quoteIdent(t.name)}`);
    out.set(t.name, { table: t, rows });
  }
  return out;
}

/** Inverts renamed_from hints (for the way back). */
export function invertHints(h: Hints): Hints {
  const tableRenames = new Map([...h.tableRenames].map(([to, from]) => [from, to]));
  const columnRenames = new Map<string, Map<string, string>>();
  for (const [tableName, cols] of h.columnRenames) {
    const oldTable = h.tableRenames.get(tableName) ?? tableName;
    columnRenames.set(oldTable, new Map([...cols].map(([to, from]) => [from, to])));
  }
  return { tableRenames, columnRenames, backfills: new Map() };
}

function sameValue(a: SqlValue | undefined, b: SqlValue | undefined): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * Every row of `before` is in `after` with the same values in every column both sides have
 * (following renames), matched by rowid when both tables have one, else by primary key, else
 * as a multiset. Returns the problems found (empty when intact).
 */
export function lostRows(before: Snapshot, after: Snapshot, hints: Hints, lossy: readonly string[] = []): string[] {
  const problems: string[] = [];
  const newTableName = new Map([...hints.tableRenames].map(([to, from]) => [from, to]));
  for (const [name, old] of before) {
    const newName = newTableName.get(name) ?? name;
    const now = after.get(newName);
    if (now === undefined) continue;
    const colRenames = new Map([...(hints.columnRenames.get(newName) ?? new Map<string, string>())].map(([to, from]) => [from, to]));
    const pairs = old.table.columns
      .filter((c) => c.generated === null)
      .map((c) => [c.name, colRenames.get(c.name) ?? c.name] as const)
      .filter(([, to]) => now.table.columns.some((c) => c.name === to && c.generated === null))
      .filter(([, to]) => !lossy.includes(`${newName}.${to}`));
    if (old.rows.length !== now.rows.length) problems.push(`${newName}: ${old.rows.length} rows before, ${now.rows.length} after`);
    // A new INTEGER PRIMARY KEY copied from an old column defines the rowids anew: match by that key then.
    const newAlias = rowidAliasColumn(now.table);
    const aliasFromOldColumn =
      newAlias !== null && rowidAliasColumn(old.table) === null && old.table.columns.some((c) => (colRenames.get(c.name) ?? c.name) === newAlias);
    const byRowid = rowidName(old.table) !== null && rowidName(now.table) !== null && !aliasFromOldColumn;
    const pk = now.table.primaryKey?.columns ?? [];
    const keyOf = (row: Row, side: "old" | "new"): string => {
      if (byRowid) return String(row.__rowid);
      if (pk.length > 0) {
        return JSON.stringify(pk.map((k) => String(row[side === "new" ? k : ([...colRenames].find(([, to]) => to === k)?.[0] ?? k)])));
      }
      return JSON.stringify(pairs.map(([from, to]) => String(row[side === "old" ? from : to])));
    };
    const index = new Map<string, Row[]>();
    for (const r of now.rows) index.set(keyOf(r, "new"), [...(index.get(keyOf(r, "new")) ?? []), r]);
    for (const r of old.rows) {
      const candidates = index.get(keyOf(r, "old")) ?? [];
      const match = candidates.findIndex((c) => pairs.every(([from, to]) => sameValue(r[from], c[to])));
      if (match < 0) {
        problems.push(`${newName}: row ${keyOf(r, "old")} ${JSON.stringify(r, replacer)} not found intact`);
        continue;
      }
      candidates.splice(match, 1);
    }
  }
  return problems;
}

function replacer(_k: string, v: unknown): unknown {
  return v instanceof Uint8Array ? `x'${Buffer.from(v).toString("hex")}'` : typeof v === "bigint" ? String(v) : v;
}

/** Loads declared YAML, failing loudly. */
export function loadDesired(driver: Driver, yaml: string, file: string): { schema: Schema; hints: Hints } {
  const d = must(loadSchemaFromText(yaml, file, driver), `load ${file}`);
  return { schema: d.schema, hints: d.hints };
}

/** The original schema as the declared YAML `dump` prints. */
export function dumpYaml(schema: Schema): string {
  return toYaml(schema);
}

/**
 * Runs `plan` as `schemadiff apply --allow-destructive` does: refused (DB_UNSUPPORTED) when the
 * engine is older than the plan needs, else the real runner with its data checks and its
 * verification before COMMIT (foreign keys, integrity, re-introspection equals `desired`, no
 * table lost rows).
 */
export async function applyPlan(
  conn: Connection,
  plan: Plan,
  current: Schema,
  desired: { schema: Schema; hints: Hints },
): Promise<Result<RunOutcome>> {
  const tooOld = engineTooOld(conn, plan);
  if (tooOld) return tooOld;
  return runPlan(conn, plan, {
    current,
    desired: desired.schema,
    tableRenames: desired.hints.tableRenames,
    ignore: () => false,
    allowDestructive: true,
    dryRun: false,
    history: null,
    introspect: (c) => introspect(c),
    now: () => new Date(),
  });
}

/** Applies a plan (see applyPlan), describing a failure in the thrown message. */
export async function applyOrThrow(
  conn: Connection,
  plan: Plan,
  current: Schema,
  desired: { schema: Schema; hints: Hints },
  what: string,
): Promise<void> {
  const r = await applyPlan(conn, plan, current, desired);
  if (!r.ok) throw new Error(`${what} failed: ${r.diagnostics.map((d) => d.message).join("\n")}\n${script(plan)}`);
  if (r.value.status !== "committed") throw new Error(`${what}: the run ended ${r.value.status}, not committed`);
}

/** One REFUSED_DATA diagnostic of a data check, read back: the rule, its count and the sample rows shown. */
export interface Refusal {
  readonly rule: string;
  readonly count: number;
  readonly samples: readonly string[];
}

/**
 * Reads a data-check refusal as src/apply/preflight.ts `dataRefusals` words it:
 * `RULE: N row(s) in TABLE violate(s) it, e.g. S1; S2 (step i/n: why). Nothing was written.`
 * Throws on any other diagnostic, so an unexpected failure cannot pass for a refusal.
 */
export function readRefusal(d: Diagnostic): Refusal {
  const m = /^(.+?): (\d+) rows? in .+? (?:violates|violate) it(?:, e\.g\. (.+?))? \(step \d+\/\d+: .*\)\. Nothing was written\.$/s.exec(d.message);
  if (d.code !== "REFUSED_DATA" || m === null) throw new Error(`not a data-check refusal: ${JSON.stringify(d)}`);
  return { rule: m[1], count: Number(m[2]), samples: m[3] === undefined ? [] : m[3].split("; ") };
}
