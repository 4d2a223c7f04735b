/**
 * Rebuild throughput on the sql.js path: a 1,000,000-row table with 2 indexes whose column type
 * changes (the 12-step rebuild). `apply` end to end against the plan's own statements run
 * directly in the same engine (read, execute, export, write back, as any sql.js migration must):
 * the ratio is the tool's overhead (introspection, preflight, verification, history, hashing,
 * atomic write-back).
 */
import { join } from "node:path";
import { freshCopy, measure, removeDatabase, rowOf, type BenchContext, type Row } from "../harness.js";
import { rebuildInput, type RebuildInput } from "../inputs.js";
import type { Engine, Task } from "../protocol.js";
import { statementsFor } from "../statements.js";
import { engineLabel } from "../util.js";

/** The sql.js rebuild rows. */
export async function rebuildSuite(ctx: BenchContext): Promise<Row[]> {
  const input = await rebuildInput(ctx);
  return rebuildRows(ctx, input, "sqljs", "rebuild", 1.2);
}

/** One way of running the tool on the work copy. */
interface Variant {
  readonly name: string;
  readonly task: (work: string) => Task;
  /** Measured against the target (the others are shown for comparison). */
  readonly headline: boolean;
}

function cliVariant(input: RebuildInput, engine: Engine, backup: boolean, ctx: BenchContext): Variant {
  return {
    name: `apply${backup ? " (with backup)" : " --no-backup"}`,
    headline: !backup && engine === "sqljs",
    task: (work) => ({
      kind: "cli",
      argv: ["apply", "--db", work, "--schema", input.schema, "--driver", engine, "--yes", "--format", "json", ...(backup ? [] : ["--no-backup"])],
      cwd: ctx.dir,
    }),
  };
}

/** Tool vs direct rows for one engine; `limit` is the target overhead ratio. */
export async function rebuildRows(
  ctx: BenchContext,
  input: RebuildInput,
  engine: Engine,
  suite: string,
  limit: number,
  extra: readonly Variant[] = [],
): Promise<Row[]> {
  const label = `${input.rows.toLocaleString("en-US")} rows, ${engineLabel(engine)}`;
  const work = join(ctx.dir, `rebuild-work-${engine}.db`);
  const prepare = () => freshCopy(input.db, work);
  const cleanup = () => removeDatabase(work);
  const { statements } = await statementsFor(input.db, input.schema);

  ctx.log(`${suite}: direct SQL, ${label}`);
  const direct = rowOf(suite, `same SQL direct: ${label}`, measure(ctx, { kind: "direct", engine, db: work, statements }, prepare, cleanup), {
    note: engine === "sqljs" ? "read file, run the plan's statements, export, write temp + fsync + rename" : "open the file, run the plan's statements in place",
  });
  const rows: Row[] = [direct, integrityRow(ctx, suite, input.db, engine, `${label} (the same data)`)];
  for (const variant of [cliVariant(input, engine, false, ctx), cliVariant(input, engine, true, ctx), ...extra]) {
    ctx.log(`${suite}: ${variant.name}, ${label}`);
    const tool = rowOf(suite, `${variant.name}: ${label}`, measure(ctx, variant.task(work), prepare, cleanup));
    const ratio = tool.wallMs.median / direct.wallMs.median;
    rows.push({
      ...tool,
      figures: {
        "rows/s": Math.round(input.rows / (tool.wallMs.median / 1000)),
        "x direct": ratio,
        "x direct (cpu)": (tool.cpuMs?.median ?? Number.NaN) / (direct.cpuMs?.median ?? Number.NaN),
      },
      target: variant.headline ? { text: `within ${limit}x of the same SQL direct`, met: ratio <= limit } : null,
    });
  }
  return rows;
}

/** `applyInPlace` called directly (the native path), for when the CLI does not route to it. */
export function inPlaceVariant(input: RebuildInput, ctx: BenchContext, backup: boolean): Variant {
  return {
    name: `applyInPlace${backup ? " (with backup)" : " (no backup)"}`,
    headline: false,
    task: (work) => ({ kind: "in-place", db: work, schema: input.schema, backup, cwd: ctx.dir }),
  };
}

/**
 * `PRAGMA integrity_check` alone on `db` (a copy): what apply's verification step costs on a file
 * of this size, to tell the tool's own overhead from the check it runs for safety.
 */
export function integrityRow(ctx: BenchContext, suite: string, db: string, engine: Engine, label: string): Row {
  const work = join(ctx.dir, `integrity-${engine}.db`);
  ctx.log(`${suite}: PRAGMA integrity_check, ${label}`);
  const row = rowOf(
    suite,
    `PRAGMA integrity_check alone: ${label}`,
    measure(ctx, { kind: "direct", engine, db: work, statements: ["PRAGMA integrity_check"] }, () => freshCopy(db, work), () => removeDatabase(work)),
  );
  return { ...row, figures: { "check ms": row.phasesMs.execute?.median ?? Number.NaN }, note: "the check apply runs before COMMIT; see the execute phase" };
}
