/**
 * The plan pipeline phase by phase (the same functions `schemadiff plan` composes, DESIGN.md §1):
 * open the file, introspect it, load the YAML (parse, validate, model), normalise it through the
 * scratch database, diff, plan. Connections count their statements, to show that introspection
 * takes a fixed number of queries whatever the number of tables. Last, apart from the pipeline:
 * the same load and introspection through the schema cache, each written once and then read back.
 */
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Taken } from "./child.js";
import { countingDriver, newCounter } from "./counting.js";
import type { Engine } from "./protocol.js";

/** Runs and times each phase once. */
export async function measurePlanPhases(engine: Engine, db: string, schema: string, cacheDir: string): Promise<Taken> {
  const started = performance.now();
  const { selectDriver } = await import("../src/db/select.js");
  const { openDatabaseFile } = await import("../src/db/file.js");
  const { introspect } = await import("../src/sqlite/introspect.js");
  const { readSchemaFiles } = await import("../src/load/parse.js");
  const { validateSource } = await import("../src/load/validate.js");
  const { toModel } = await import("../src/load/to-model.js");
  const { normalise } = await import("../src/load/normalise.js");
  const { diffSchemas } = await import("../src/diff/diff-schema.js");
  const { planChanges } = await import("../src/plan/plan.js");
  const { introspectCached, loadSchemaCached } = await import("../src/cli/schema-cache.js");

  const phases: Record<string, number> = {};
  let t = performance.now();
  phases.modules = t - started;
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = now - t;
    t = now;
  };
  const driver = must(await selectDriver(engine));
  lap("engine");

  const live = newCounter();
  const opened = must(openDatabaseFile(db, countingDriver(driver, live)));
  lap("open");
  const openQueries = live.queries + live.execs;
  const current = must(introspect(opened.conn));
  lap("introspect");
  const introspectQueries = live.queries + live.execs - openQueries;
  opened.conn.close();

  const sources = must(readSchemaFiles(schema));
  const invalid = sources.flatMap(validateSource);
  if (invalid.length > 0) throw new Error(invalid.map((d) => d.message).join("; "));
  const model = must(toModel(sources));
  lap("load YAML");
  const scratch = newCounter();
  const desired = must(normalise(model, countingDriver(driver, scratch)));
  lap("normalise");
  const changes = must(diffSchemas(current, desired, model.hints));
  lap("diff");
  const plan = planChanges(changes, current, desired, model.hints);
  lap("plan");

  // A folder of this run's own: the first load misses and writes, the second reads it back.
  const runCache = mkdtempSync(join(cacheDir, "run-"));
  t = performance.now();
  must(loadSchemaCached(schema, driver, runCache));
  lap("cache write");
  must(loadSchemaCached(schema, driver, runCache));
  lap("cache hit");
  const again = must(openDatabaseFile(db, driver));
  t = performance.now();
  must(introspectCached(again.conn, {}, [], driver, runCache));
  lap("introspect, cache write");
  must(introspectCached(again.conn, {}, [], driver, runCache));
  lap("introspect, cache hit");
  again.conn.close();

  const pipeline = ["open", "introspect", "load YAML", "normalise", "diff", "plan"].reduce((s, k) => s + phases[k], 0);
  return {
    wallMs: pipeline,
    phases,
    counts: {
      tables: current.tables.length,
      "introspect queries": introspectQueries,
      "scratch statements": scratch.queries + scratch.execs,
      changes: changes.length,
      steps: plan.steps.length,
    },
    exitCode: 0,
  };
}

function must<T>(result: { ok: true; value: T } | { ok: false; diagnostics: readonly { message: string }[] }): T {
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.value;
}
