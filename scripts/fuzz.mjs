#!/usr/bin/env node
/**
 * The long random-schema campaign: `npm run fuzz -- --runs N --seed S [--seeds S1,S2,...]`.
 * Runs test/property/convergence.test.ts once per seed with FUZZ_RUNS / FUZZ_SEED set, writes
 * each seed's figures to tmp/fuzz/stats-<seed>.json and every failing reproducer (the shrunk
 * pair: a.sql, schema.yaml, report.txt) under tmp/fuzz/failures/, then prints the totals.
 * Exit code: 0 when every seed held, 1 otherwise.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && args[k + 1] !== undefined ? args[k + 1] : fallback;
};
if (args.includes("--help")) {
  console.log("usage: npm run fuzz -- [--runs N] [--seed S | --seeds S1,S2,...] [--no-shrink]");
  process.exit(0);
}
const runs = Number(option("runs", "1000"));
const seeds = (option("seeds", null) ?? option("seed", String(Date.now() % 2 ** 31))).split(",").map(Number);
if (!Number.isInteger(runs) || runs <= 0 || seeds.some((s) => !Number.isInteger(s))) {
  console.error("error: --runs takes a positive integer, --seed/--seeds integers");
  process.exit(2);
}
const out = join(root, "tmp", "fuzz");
mkdirSync(join(out, "failures"), { recursive: true });

const totals = { pairs: 0, converged: 0, changed: 0, rebuilt: 0, upToDate: 0, refused: 0, invalid: 0, refusals: {}, failedSeeds: [] };
for (const seed of seeds) {
  const stats = join(out, `stats-${seed}.json`);
  console.log(`\n== seed ${seed}: ${runs} pairs`);
  const started = Date.now();
  const result = spawnSync("npx", ["vitest", "run", "test/property/convergence.test.ts"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      FUZZ_RUNS: String(runs),
      FUZZ_SEED: String(seed),
      FUZZ_STATS: stats,
      FUZZ_FAILURES: join(out, "failures"),
      ...(args.includes("--no-shrink") ? { FUZZ_NO_SHRINK: "1" } : {}),
    },
  });
  console.log(`== seed ${seed}: ${result.status === 0 ? "held" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (result.status !== 0) totals.failedSeeds.push(seed);
  if (existsSync(stats)) {
    const s = JSON.parse(readFileSync(stats, "utf8"));
    totals.pairs += s.runs;
    for (const k of ["converged", "changed", "rebuilt", "upToDate", "refused", "invalid"]) totals[k] += s[k];
    for (const [why, n] of Object.entries(s.refusals)) totals.refusals[why] = (totals.refusals[why] ?? 0) + n;
  }
}
console.log(`\nfuzz totals: ${JSON.stringify(totals, null, 2)}`);
process.exit(totals.failedSeeds.length === 0 ? 0 : 1);
