import fc from "fast-check";
import { it } from "vitest";
import { makePair } from "../convergence.js";
it.skipIf(!process.env.STATS)("stats", () => {
  const tape = (min: number, max: number) => fc.array(fc.nat({ max: 0xffff }), { minLength: min, maxLength: max, size: "max" });
  const samples = fc.sample(fc.record({ a: tape(100, 500), m: tape(10, 150), r: tape(100, 800), native: fc.boolean() }), { numRuns: 2000, seed: 3 });
  const c: Record<string, number> = {};
  const inc = (k: string) => (c[k] = (c[k] ?? 0) + 1);
  for (const input of samples) {
    const p = makePair(input);
    if ([...(p.hints.backfills ?? new Map()).values()].some((m) => m.size > 0)) inc("backfill");
    if (p.log.some((l) => l.includes("letter case"))) inc("case rename");
    if (p.hints.tables.size > 0) inc("table rename hint");
    if (p.hints.columns.size > 0) inc("column rename hint");
    if (p.a.views.length > 0) inc("A has views");
    if (p.a.triggers.length > 0) inc("A has triggers");
    if (p.a.vtabs.length + p.b.vtabs.length > 0) inc("virtual tables");
    if (p.a.tables.some((t) => t.fks.length > 0)) inc("A has FKs");
    if (p.a.tables.some((t) => t.strict)) inc("STRICT");
    if (p.a.tables.some((t) => t.wr)) inc("WITHOUT ROWID");
    if (p.a.tables.some((t) => t.pk?.autoinc)) inc("AUTOINCREMENT");
    if (p.a.tables.some((t) => t.cols.some((x) => x.gen !== null))) inc("generated");
    if (p.a.tables.some((t) => t.indexes.some((i) => i.where !== null))) inc("partial index");
    if (p.a.tables.some((t) => t.indexes.some((i) => i.keys.some((k) => k.expr !== null)))) inc("expression index");
    if (p.log.includes("unrelated schema")) inc("unrelated B");
  }
  console.log(JSON.stringify(c, null, 1));
});
