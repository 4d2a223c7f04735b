/**
 * Size scaling on the sql.js path: one nullable column added to databases of 10 MB, 100 MB and
 * 1 GB. sql.js reads the whole file into memory and writes all of it back, so time and memory
 * grow with the file; from the measured peak memory per byte this derives the largest database
 * the path can take on a machine with N GB, and shows what happens past the tool's own limit:
 * DB_TOO_LARGE, nothing written.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { totalmem } from "node:os";
import { join } from "node:path";
import { createDatabase, growTo } from "../build-db.js";
import { freshCopy, measure, removeDatabase, rowOf, skippedRow, type BenchContext, type Row } from "../harness.js";
import { sizeInput, type SizeInput } from "../inputs.js";
import { fitLine } from "../stats.js";
import { integrityRow } from "./rebuild.js";
import { mb } from "../util.js";

/** 10 MB, 100 MB, 1 GB (1 GB = 10^9 bytes, under the sql.js limit of 1 GiB). */
export function sizes(quick: boolean): readonly number[] {
  return quick ? [10e6] : [10e6, 100e6, 1e9];
}

const GIB = 1024 ** 3;

function addColumnName(input: SizeInput, engine: "sqljs" | "native"): string {
  return `add column, ${mb(input.bytes)} (${engine === "sqljs" ? "sql.js" : "native"})`;
}

/** The sql.js size rows; adds the derived size limit to `derived`. */
export async function sizeSuite(ctx: BenchContext, derived: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  const points: { x: number; y: number }[] = [];
  let base = 0;
  for (const target of sizes(ctx.quick)) {
    const input = await sizeInput(ctx, target);
    rows.push(addColumnRow(ctx, input, "sqljs", "size"));
    if (target === sizes(ctx.quick).at(-1)) rows.push(integrityRow(ctx, "size", input.db, "sqljs", mb(input.bytes)));
    const added = rows.find((r) => r.name === addColumnName(input, "sqljs"));
    const peak = added?.peakRssBytes?.median;
    if (peak !== undefined) points.push({ x: input.bytes, y: peak });
    base = added?.baseRssBytes ?? base;
  }
  const { MAX_SQLJS_BYTES } = await import("../../src/db/file.js");
  Object.assign(derived, sqlJsLimit(points, base, MAX_SQLJS_BYTES));
  if (ctx.quick) rows.push(skippedRow("size", "past the sql.js limit", "not with --quick (it builds a file over 1 GiB)"));
  else rows.push(...(await pastTheLimit(ctx, MAX_SQLJS_BYTES)));
  return rows;
}

/** `apply --no-backup` adding one nullable column, each run on a fresh copy. */
export function addColumnRow(ctx: BenchContext, input: SizeInput, engine: "sqljs" | "native", suite: string): Row {
  const work = join(ctx.dir, `size-work-${engine}.db`);
  const argv = ["apply", "--db", work, "--schema", input.schema, "--driver", engine, "--yes", "--no-backup", "--format", "json"];
  ctx.log(`${suite}: add a column to ${mb(input.bytes)} (${engine})`);
  const row = rowOf(
    suite,
    addColumnName(input, engine),
    measure(ctx, { kind: "cli", argv, cwd: ctx.dir }, () => freshCopy(input.db, work), () => removeDatabase(work)),
  );
  const peak = row.peakRssBytes?.median ?? Number.NaN;
  return {
    ...row,
    figures: {
      "db MB": Math.round(input.bytes / 1e6),
      "peak / db size": peak / input.bytes,
      "(peak - base) / db size": (peak - (row.baseRssBytes ?? 0)) / input.bytes,
    },
    // Below ~100 MB node, the engine and the modules (~150 MB) dominate: the ratio means nothing there.
    target: engine === "sqljs" && input.bytes >= 100e6 ? { text: "peak memory <= ~2x db size", met: peak <= 2.2 * input.bytes } : null,
  };
}

/**
 * The largest file the sql.js path can take with M bytes of memory: peak = a + b * size (fitted),
 * so size = (usable - a) / b, capped by the tool's own limit.
 */
function sqlJsLimit(points: readonly { x: number; y: number }[], base: number, cap: number): Record<string, unknown> {
  if (points.length === 0) return {};
  // One size (--quick): the line through node's own resident memory and that point.
  const { a, b } = points.length > 1 ? fitLine(points) : { a: base, b: (points[0].y - base) / points[0].x };
  const usable = 0.75;
  const limitFor = (memory: number) => Math.max(0, Math.min(cap, (memory * usable - a) / b));
  const machines = [1, 2, 4, 8, 16].map((gb) => ({ "memory GB": gb, "largest db MB": Math.round(limitFor(gb * 1e9) / 1e6) }));
  return {
    ...(points.length < 2 ? { "sql.js limit note": "one small size only (--quick): fixed costs dominate, so this limit is far too low; run without --quick" } : {}),
    "sql.js peak memory": `${mb(a)} + ${b.toFixed(2)} x db size (least squares over ${points.length} sizes)`,
    "sql.js size limit": {
      rule: `largest db = min(${mb(cap)} tool limit, (${usable * 100}% of RAM - ${mb(a)}) / ${b.toFixed(2)})`,
      "this machine": { "memory GB": Math.round(totalmem() / 1e8) / 10, "largest db MB": Math.round(limitFor(totalmem()) / 1e6) },
      machines,
    },
  };
}

/** A file over the limit: `apply` and `plan` must refuse with DB_TOO_LARGE and touch nothing. */
async function pastTheLimit(ctx: BenchContext, cap: number): Promise<Row[]> {
  const db = join(ctx.dir, "too-large.db");
  const runner = await createDatabase(db, false);
  runner.exec("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  growTo(runner, cap + 64 * 1024 * 1024, (from, to) => `WITH RECURSIVE n(x) AS (SELECT ${from} UNION ALL SELECT x + 1 FROM n WHERE x < ${to}) INSERT INTO docs SELECT x, hex(zeroblob(2000)) FROM n`);
  runner.close();
  const schema = (await sizeInput(ctx, sizes(false)[0])).schema;
  const rows: Row[] = [];
  for (const command of ["apply", "plan"] as const) {
    const before = fingerprint(db);
    const folder = readdirSync(ctx.dir).sort().join("\n");
    const argv = [command, "--db", db, "--schema", schema, "--driver", "sqljs", "--format", "json", ...(command === "apply" ? ["--yes"] : [])];
    ctx.log(`size: ${command} on ${mb(before.size)} (past the limit)`);
    const runs = measure(ctx, { kind: "cli", argv, cwd: ctx.dir });
    const after = fingerprint(db);
    const untouched = before.size === after.size && before.mtimeMs === after.mtimeMs && before.sha256 === after.sha256;
    const noStrayFiles = readdirSync(ctx.dir).sort().join("\n") === folder;
    const codes = [...new Set(runs.flatMap((r) => r.codes ?? []))];
    rows.push({
      ...rowOf("size", `${command}, ${mb(before.size)} > ${(cap / GIB).toFixed(0)} GiB limit (sql.js)`, runs, { expectExit: 2 }),
      figures: { codes: codes.join(",") || "none", "file untouched": String(untouched), "no stray files": String(noStrayFiles) },
      target: { text: "DB_TOO_LARGE, file untouched, no crash", met: codes.includes("DB_TOO_LARGE") && untouched && noStrayFiles },
    });
  }
  removeDatabase(db);
  return rows;
}

/** Size, mtime and SHA-256 of a file, read in chunks. */
function fingerprint(path: string): { size: number; mtimeMs: number; sha256: string } {
  const stats = statSync(path);
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const chunk = new Uint8Array(1 << 22);
    let n: number;
    while ((n = readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { size: stats.size, mtimeMs: stats.mtimeMs, sha256: hash.digest("hex") };
}
