import { it } from "vitest";
import { loadSqlJs } from "../../../src/db/sqljs.js";
import { makePair, runPair } from "../convergence.js";
it.skipIf(!process.env.INPUT)("one", async () => {
  const driver = await loadSqlJs();
  const input = JSON.parse(process.env.INPUT!);
  for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const p = makePair(input);
  let v;
  try { v = await runPair(p, input, driver); } catch (e) { v = "FAIL " + String(e).slice(0, 200); }
  console.log((performance.now() - t0).toFixed(0), "ms", JSON.stringify(v));
  }
});
