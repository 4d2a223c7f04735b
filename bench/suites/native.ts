/**
 * The native driver's rows (better-sqlite3): the additive change on 10 MB / 100 MB / 1 GB, whose
 * time and memory should not grow with the file when it is applied in place, and the 1M-row
 * rebuild against the same statements run directly by better-sqlite3 and by the `sqlite3` shell.
 *
 * `apply --driver native` is measured as the CLI runs it; while the CLI does not yet route the
 * native driver to the in-place apply (src/apply/in-place.ts), that apply is also measured by
 * calling `applyInPlace` directly, with the declaration loaded as the CLI loads it.
 */
import { join } from "node:path";
import { freshCopy, inode, measure, removeDatabase, rowOf, skippedRow, type BenchContext, type Row } from "../harness.js";
import { rebuildInput, sizeInput, type SizeInput } from "../inputs.js";
import { statementsFor } from "../statements.js";
import { mb } from "../util.js";
import { inPlaceVariant, integrityRow, rebuildRows } from "./rebuild.js";
import { addColumnRow, sizes } from "./size.js";

/** The native rows, or one row saying why there are none. */
export async function nativeSuite(ctx: BenchContext): Promise<Row[]> {
  if (!ctx.native) return [skippedRow("native", "native driver", "better-sqlite3 does not load here")];
  const rows: Row[] = [];
  const first = await sizeInput(ctx, sizes(ctx.quick)[0]);
  const cliInPlace = appliesInPlace(ctx, first.db, first.schema);
  for (const target of sizes(ctx.quick)) {
    const input = await sizeInput(ctx, target);
    const cli = addColumnRow(ctx, input, "native", "native");
    rows.push({ ...cli, name: `${cli.name}, CLI ${cliInPlace ? "in place" : "on a copy"}`, target: null });
    rows.push(inPlaceRow(ctx, input, target === 1e9 || (ctx.quick && target === sizes(true)[0])));
    if (target === sizes(ctx.quick).at(-1)) rows.push(integrityRow(ctx, "native", input.db, "native", mb(input.bytes)));
  }
  const rebuild = await rebuildInput(ctx);
  const rebuilt = await rebuildRows(ctx, rebuild, "native", "native", 1.1, [inPlaceVariant(rebuild, ctx, false), inPlaceVariant(rebuild, ctx, true)]);
  rows.push(...rebuilt);
  if (!ctx.shell) {
    rows.push(skippedRow("native", "same SQL in the sqlite3 shell", "no sqlite3 shell on this machine"));
    return rows;
  }
  const work = join(ctx.dir, "rebuild-work-shell.db");
  const { script } = await statementsFor(rebuild.db, rebuild.schema);
  ctx.log(`native: the same script in the sqlite3 shell ${ctx.shell}`);
  const shell = rowOf(
    "native",
    `same SQL in sqlite3 shell ${ctx.shell}: ${rebuild.rows.toLocaleString("en-US")} rows`,
    measure(ctx, { kind: "shell", db: work, script }, () => freshCopy(rebuild.db, work), () => removeDatabase(work)),
    { note: "`plan --format sql` piped into sqlite3; spawn included" },
  );
  // The child only waits for the shell: its memory and CPU are not the shell's.
  rows.push({ ...shell, cpuMs: null, peakRssBytes: null, baseRssBytes: null });
  for (const tool of rebuilt.filter((r) => /^(apply --no-backup|applyInPlace \(no backup\))/.test(r.name))) {
    const ratio = tool.wallMs.median / shell.wallMs.median;
    const inPlace = tool.name.startsWith("applyInPlace") || cliInPlace;
    rows.push({
      ...tool,
      name: `${tool.name.split(":")[0]} vs sqlite3 shell: ${rebuild.rows.toLocaleString("en-US")} rows`,
      figures: { "x shell": ratio },
      target: inPlace ? { text: "within 1.1x of the sqlite3 shell", met: ratio <= 1.1 } : null,
      note: `the row above, compared with the shell (${mb(rebuild.bytes)} file)`,
    });
  }
  return rows;
}

/** `applyInPlace` adding the column: the apply itself is what must stay flat. */
function inPlaceRow(ctx: BenchContext, input: SizeInput, withTarget: boolean): Row {
  const work = join(ctx.dir, "size-work-inplace.db");
  ctx.log(`native: applyInPlace on ${mb(input.bytes)}`);
  const row = rowOf(
    "native",
    `add column, ${mb(input.bytes)}, applyInPlace`,
    measure(ctx, { kind: "in-place", db: work, schema: input.schema, backup: false, cwd: ctx.dir }, () => freshCopy(input.db, work), () => removeDatabase(work)),
  );
  const apply = row.phasesMs.apply?.median ?? Number.NaN;
  return {
    ...row,
    figures: { "db MB": Math.round(input.bytes / 1e6), "apply ms": apply },
    target: withTarget ? { text: "apply < 0.1 s (schema loading excluded), flat memory", met: apply < 100 } : null,
  };
}

/** Whether `apply --driver native` changes the file in place (same inode) or replaces it. */
function appliesInPlace(ctx: BenchContext, db: string, schema: string): boolean {
  const work = join(ctx.dir, "inplace-probe.db");
  freshCopy(db, work);
  const before = inode(work);
  const once = { ...ctx, runs: 1 };
  measure(once, { kind: "cli", argv: ["apply", "--db", work, "--schema", schema, "--driver", "native", "--yes", "--no-backup", "--format", "json"], cwd: ctx.dir });
  const same = inode(work) === before;
  removeDatabase(work);
  return same;
}
