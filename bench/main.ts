/**
 * `npm run bench`: generates its inputs in a temporary folder, measures each row in fresh child
 * processes, and prints a table (or JSON with --json). See docs/BENCH.md.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, USAGE, type Suite } from "./args.js";
import { sqliteShellVersion } from "./build-db.js";
import type { BenchContext, Row } from "./harness.js";
import type { Engine } from "./protocol.js";
import { reportJson, reportTable, type Report } from "./report.js";
import { planSuite } from "./suites/plan.js";
import { rebuildSuite } from "./suites/rebuild.js";
import { sizeSuite } from "./suites/size.js";
import { nativeSuite } from "./suites/native.js";
import { assertNever } from "./util.js";

/**
 * The compiled sources sit in dist-bench/src, which reads the JSON Schema and package.json two
 * folders up (src/load/validate.ts, src/cli/version.ts): put copies where they look. The
 * repository is the nearest folder above that holds the JSON Schema.
 */
function placeAssets(): void {
  const out = fileURLToPath(new URL("../", import.meta.url));
  let root = dirname(out);
  while (!existsSync(join(root, "schema", "schemadiff.schema.json"))) {
    if (dirname(root) === root) throw new Error("cannot find the repository (schema/schemadiff.schema.json) above the bench");
    root = dirname(root);
  }
  mkdirSync(join(out, "schema"), { recursive: true });
  copyFileSync(join(root, "schema", "schemadiff.schema.json"), join(out, "schema", "schemadiff.schema.json"));
  copyFileSync(join(root, "package.json"), join(out, "package.json"));
}

async function nativeVersion(): Promise<string | null> {
  try {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(":memory:");
    const v = String(db.prepare("SELECT sqlite_version()").pluck().get());
    db.close();
    return v;
  } catch {
    return null;
  }
}

async function sqlJsVersion(): Promise<string> {
  const initSqlJs = (await import("sql.js")).default;
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  const v = String(db.exec("SELECT sqlite_version()")[0]?.values[0]?.[0]);
  db.close();
  return v;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (typeof opts === "string") {
    process.stderr.write(opts === "help" ? USAGE : `${opts}\n${USAGE}`);
    return opts === "help" ? 0 : 2;
  }
  placeAssets();
  const native = await nativeVersion();
  const shell = sqliteShellVersion();
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "schemadiff-bench-"));
  const ctx: BenchContext = {
    dir,
    runs: opts.runs,
    quick: opts.quick,
    native: native !== null,
    shell,
    cache: new Map(),
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
  const engines: Engine[] = native ? ["sqljs", "native"] : ["sqljs"];
  const rows: Row[] = [];
  const derived: Record<string, unknown> = {};
  try {
    for (const suite of opts.suites) rows.push(...(await runSuite(suite, ctx, engines, derived)));
  } finally {
    if (opts.keep) ctx.log(`inputs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  const report: Report = {
    version: 1,
    machine: {
      node: process.version,
      cpu: cpus()[0]?.model ?? null,
      cpus: cpus().length,
      "memory GB": Math.round(totalmem() / 1e8) / 10,
      "sql.js SQLite": await sqlJsVersion(),
      "native SQLite": native,
      "sqlite3 shell": shell,
    },
    options: { quick: opts.quick, runs: opts.runs, suites: opts.suites },
    rows,
    derived,
  };
  process.stdout.write(opts.json ? reportJson(report) : reportTable(report));
  return 0;
}

async function runSuite(suite: Suite, ctx: BenchContext, engines: readonly Engine[], derived: Record<string, unknown>): Promise<Row[]> {
  switch (suite) {
    case "plan":
      return planSuite(ctx, engines);
    case "rebuild":
      return rebuildSuite(ctx);
    case "size":
      return sizeSuite(ctx, derived);
    case "native":
      return nativeSuite(ctx);
    default:
      return assertNever(suite);
  }
}

process.exitCode = await main();
