/**
 * Plan at scale: synthetic schemas of 100 and 1,000 tables, no-op and with 10% of the tables
 * changed, on each engine: the pipeline phase by phase (with the number of statements
 * introspection issues), `run(["plan", ...])` in process, and the CLI as a whole process.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { measure, rowOf, wallRow, type BenchContext, type Row } from "../harness.js";
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
        rows.push(rowOf("plan", `phases: ${label}`, measure(ctx, { kind: "plan-phases", driver: engine, db: input.db, schema })));
        const argv = ["plan", "--db", input.db, "--schema", schema, "--format", "json", "--driver", engine];
        const e2e = rowOf("plan", `run(plan): ${label}`, measure(ctx, { kind: "cli", argv, cwd: ctx.dir }));
        rows.push(target ? { ...e2e, target: { ...target, met: e2e.wallMs.median < TARGET_MS } } : e2e);
        const walls = processRuns(ctx, argv);
        const proc = wallRow("plan", `node bin.js plan: ${label}`, walls, {
          note: "a whole CLI process: node start-up, module loading, engine start, plan, JSON output",
        });
        rows.push(target ? { ...proc, target: { ...target, met: proc.wallMs.median < TARGET_MS } } : proc);
      }
    }
  }
  return rows;
}

/** Wall times of `node bin.js ARGV`, each a fresh process. */
function processRuns(ctx: BenchContext, argv: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    const started = performance.now();
    const done = spawnSync(process.execPath, [BIN, ...argv], { cwd: ctx.dir, encoding: "utf8", maxBuffer: 1 << 28 });
    const wall = performance.now() - started;
    if (done.status !== 0) throw new Error(`node bin.js ${argv.join(" ")}: exit ${done.status}: ${done.stderr.slice(0, 400)}`);
    out.push(wall);
  }
  return out;
}
