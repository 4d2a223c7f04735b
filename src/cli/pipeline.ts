/**
 * The declared side of the pipeline as the commands share it (DESIGN.md §1): a declared schema
 * loaded and normalised, and the plan between two schemas. Ignored names are left out of both
 * sides (see live.ts for the database side), so they are never drift.
 */
import type { Connection, Driver } from "../db/driver.js";
import { diffSchemas } from "../diff/diff-schema.js";
import { DiagnosticError, type Diagnostic, type Result } from "../errors.js";
import { loadSchema, type Declared } from "../load/index.js";
import type { Hints, Schema } from "../model.js";
import { planChanges } from "../plan/plan.js";
import type { Plan } from "../plan/step.js";
import type { Context } from "./context.js";
import type { LossCounts } from "./format.js";
import { countLosses as countLossesOnData } from "../apply/preflight.js";
import { withoutIgnored } from "./ignore.js";
import { readLive, type LiveDatabase } from "./live.js";
import { loadSchemaCached } from "./schema-cache.js";

/**
 * Loads a declared schema (a file or folder), normalised through the scratch database; through
 * the schema cache unless `fresh` (apply, the one command that writes, always loads afresh).
 */
export function readDeclared(ctx: Context, driver: Driver, path: string, fresh = false): Result<Declared> {
  const dir = fresh ? null : ctx.cacheDir();
  const loaded = dir === null ? loadSchema(path, driver) : loadSchemaCached(path, driver, dir);
  if (!loaded.ok) return loaded;
  const ignore = ctx.ignore();
  return { ...loaded, value: { ...loaded.value, schema: withoutIgnored(loaded.value.schema, ignore) } };
}

/**
 * Unwraps several independent results at once, so that a bad database and a bad schema are
 * both reported in one run. Closes whatever did open when another failed.
 */
export function unwrapAll<A, B>(ctx: Context, a: Result<A>, b: Result<B>, close: (a: A) => void): [A, B] {
  if (a.ok && b.ok) return [ctx.unwrap(a), ctx.unwrap(b)];
  if (a.ok) close(a.value);
  const diagnostics: Diagnostic[] = [...(a.ok ? [] : a.diagnostics), ...(b.ok ? [] : b.diagnostics)];
  throw new DiagnosticError(diagnostics);
}

/** What `plan` and `check` work on: the live database, the declaration, and the plan between them. */
export interface LivePlan {
  readonly dbPath: string;
  readonly schemaPath: string;
  readonly live: LiveDatabase;
  readonly declared: Declared;
  readonly plan: Plan;
}

/** Reads the database and the declaration (reporting both one's errors at once), plans, runs `use`, closes. */
export async function withLivePlan<T>(ctx: Context, use: (p: LivePlan) => T): Promise<T> {
  const dbPath = ctx.dbPath();
  const schemaPath = ctx.schemaPath();
  const driver = await ctx.driver();
  const [live, declared] = unwrapAll(ctx, readLive(ctx, driver, dbPath), readDeclared(ctx, driver, schemaPath), (l) =>
    l.conn.close(),
  );
  try {
    const plan = makePlan(ctx, live.schema, declared.schema, declared.hints);
    return use({ dbPath, schemaPath, live, declared, plan });
  } finally {
    live.conn.close();
  }
}

/** The plan that turns `current` into `desired` (honouring `--target-sqlite`). */
export function makePlan(ctx: Context, current: Schema, desired: Schema, hints: Hints): Plan {
  const changes = ctx.unwrap(diffSchemas(current, desired, hints));
  const target = ctx.targetSqlite();
  return planChanges(changes, current, desired, hints, target ? { targetSqlite: target } : {});
}

/**
 * What each destructive step would lose, counted on the live data by apply's own preflight, keyed
 * by estimate for the text format. A count that cannot be taken is null.
 */
export function countLosses(conn: Connection, plan: Plan): LossCounts {
  const counted = countLossesOnData(conn, plan);
  return new Map(plan.steps.flatMap((s) => s.losses).map((estimate, i) => [estimate, counted[i].count]));
}
