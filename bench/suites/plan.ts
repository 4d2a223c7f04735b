/**
 * Plan at scale: synthetic schemas of 100 and 1,000 tables, no-op and with 10% of the tables
 * changed, on each engine: the pipeline phase by phase (with the number of statements
 * introspection issues), `run(["plan", ...])` in process, and the CLI as a whole process. The
 * last two twice: with no schema cache (a first run), and with it warm (the YAML and the
 * database's schema unchanged since the last run); and run(plan) once more with only the
 * database's schema cached (the YAML edited since the last run).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { measure, measureOnce, rowOf, wallRow, type BenchContext, type Row } from "../harness.js";
import { planInput } from "../inputs.js";
import type { Engine } from "../protocol.js";
import { engineLabel } from "../util.js";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
const TARGET_MS = 1000;

/** The plan rows. */
export async function planSuite(ctx: BenchContext, engines: readonly Engine[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const tables of ctx.quick ? [100] : [100, 1000]) {
    const input = await planInput(ctx, tables);
    for (const [variant, schema] of [
      ["no-op", input.noop],
      ["10% changed", input.changed],
    ] as const) {
      for (const engine of engines) {
        const label = `${tables} tables, ${variant}, ${engineLabel(engine)}`;
        ctx.log(`plan: ${label}`);
        const target = tables === 1000 ? { text: "< 1 s end to end", met: null } : null;
        const judged = (row: Row): Row => (target ? { ...row, target: { ...target, met: row.wallMs.median < TARGET_MS } } : row);
        const phasesCache = mkdtempSync(join(ctx.dir, "cache-"));
        const phases = { kind: "plan-phases", driver: engine, db: input.db, schema, cacheDir: phasesCache } as const;
        rows.push(rowOf("plan", `phases: ${label}`, measure(ctx, phases)));
        const argv = ["plan", "--db", input.db, "--schema", schema, "--format", "json", "--driver", engine];
        const cache = { SCHEMADIFF_CACHE_DIR: mkdtempSync(join(ctx.dir, "cache-")) };
        for (const cached of [false, true]) {
          const env = cached ? cache : {};
          const how = cached ? "cached" : "no cache";
          // The cached rows start from an entry the first (unmeasured) run wrote.
          if (cached) measureOnce(ctx, { kind: "cli", argv, cwd: ctx.dir, env });
          rows.push(judged(rowOf("plan", `run(plan), ${how}: ${label}`, measure(ctx, { kind: "cli", argv, cwd: ctx.dir, env }))));
          const walls = processRuns(ctx, argv, cached ? cache : { SCHEMADIFF_CACHE: "off" });
          rows.push(
            judged(
              wallRow("plan", `node bin.js plan, ${how}: ${label}`, walls, {
                note: "a whole CLI process: node start-up, module loading, engine start, plan, JSON output",
              }),
            ),
          );
        }
        // The everyday edit: the YAML changed since the last run, the database's schema did not.
        const other = schema === input.noop ? input.changed : input.noop;
        const primed = mkdtempSync(join(ctx.dir, "cache-"));
        const otherArgv = argv.map((a) => (a === schema ? other : a));
        measureOnce(ctx, { kind: "cli", argv: otherArgv, cwd: ctx.dir, env: { SCHEMADIFF_CACHE_DIR: primed } });
        const edited = join(ctx.dir, `cache-edited-${tables}-${engine}`);
        const reset = (): void => {
          rmSync(edited, { recursive: true, force: true });
          cpSync(primed, edited, { recursive: true });
        };
        const task = { kind: "cli", argv, cwd: ctx.dir, env: { SCHEMADIFF_CACHE_DIR: edited } } as const;
        rows.push(
          judged(
            rowOf("plan", `run(plan), YAML edited: ${label}`, measure(ctx, task, reset), {
              note: "the database's schema cached, this declaration not (the other one was)",
            }),
          ),
        );
      }
    }
  }
  return rows;
}

/** Wall times of `node bin.js ARGV`, each a fresh process. */
function processRuns(ctx: BenchContext, argv: readonly string[], env: Readonly<Record<string, string>>): number[] {
  const out: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    const started = performance.now();
    const done = spawnSync(process.execPath, [BIN, ...argv], {
      cwd: ctx.dir,
      env: { ...process.env, ...env },
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    const wall = performance.now() - started;
    if (done.status !== 0) throw new Error(`node bin.js ${argv.join(" ")}: exit ${done.status}: ${done.stderr.slice(0, 400)}`);
    out.push(wall);
  }
  return out;
}
