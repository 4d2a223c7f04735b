/**
 * Random (A, B) pairs through the real CLI (see convergence.ts for the property).
 * Inside `npm test`: FUZZ_RUNS (default 600) pairs from a fixed seed, so the suite stays
 * deterministic; `npm run fuzz -- --runs N --seed S` (scripts/fuzz.mjs) runs campaigns.
 * FUZZ_SEED=random draws a seed; FUZZ_STATS names a file for the figures as JSON;
 * FUZZ_FAILURES a folder for reproducers; FUZZ_NO_SHRINK=1 reports the first failure unshrunk.
 */
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { makePair, runPair, type PairInput, type Verdict } from "./convergence.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const SEED = process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED ?? 20261121);
const SLOW_MS = Number(process.env.FUZZ_SLOW_MS ?? 5000);
const tape = (min: number, max: number) => fc.array(fc.nat({ max: 0xffff }), { minLength: min, maxLength: max, size: "max" });
const pairs: fc.Arbitrary<PairInput> = fc.record({ a: tape(100, 500), m: tape(10, 150), r: tape(100, 800), native: fc.boolean() });

describe("convergence: apply(A -> B) converges or refuses for a real reason", () => {
  it(
    `holds for ${RUNS} random pairs`,
    async () => {
      const driver = await loadSqlJs();
      const stats = {
        seed: SEED ?? null,
        runs: 0,
        converged: 0,
        changed: 0,
        rebuilt: 0,
        upToDate: 0,
        refused: 0,
        invalid: 0,
        refusals: {} as Record<string, number>,
        invalidWhy: [] as string[],
      };
      const tally = (v: Verdict): void => {
        stats.runs++;
        if (v.kind === "converged") {
          stats.converged++;
          if (v.steps) stats.changed++;
          else stats.upToDate++;
          if (v.rebuild) stats.rebuilt++;
        } else if (v.kind === "refused") {
          stats.refused++;
          stats.refusals[v.why] = (stats.refusals[v.why] ?? 0) + 1;
        } else {
          stats.invalid++;
          if (stats.invalidWhy.length < 20) stats.invalidWhy.push(v.why.split("\n")[0]!);
        }
      };
      // Once a pair fails, fast-check shrinks it: those reruns are not campaign figures.
      let failed = false;
      const begun = performance.now();
      try {
        await fc.assert(
          fc.asyncProperty(pairs, async (input) => {
            try {
              const started = performance.now();
              const verdict = await runPair(makePair(input), input, driver);
              const ms = performance.now() - started;
              if (ms > SLOW_MS) console.log(`slow pair (${ms.toFixed(0)} ms): ${JSON.stringify(input)}`);
              if (!failed) tally(verdict);
              if (!failed && stats.runs % 500 === 0) console.log(`${stats.runs} pairs, ${((performance.now() - begun) / 1000).toFixed(0)} s`);
            } catch (e) {
              if (!failed) stats.runs++;
              failed = true;
              throw e;
            }
          }),
          { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: process.env.FUZZ_NO_SHRINK === "1" },
        );
      } finally {
        if (process.env.FUZZ_STATS) writeFileSync(process.env.FUZZ_STATS, JSON.stringify({ ...stats, failed }, null, 2));
        console.log(`convergence: ${JSON.stringify(stats)}`);
      }
      // Pairs the generators got wrong (B does not build) are skipped, so they must stay rare.
      expect(stats.invalid).toBeLessThan(Math.max(3, stats.runs * 0.02));
      expect(stats.converged).toBeGreaterThan(stats.runs / 2);
      expect(stats.refused).toBeGreaterThan(0);
    },
    60_000 + RUNS * 3_000,
  );
});
