/** deepEqual is written with loops for speed; it must judge any two values as before. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepEqual } from "../../src/diff/equal.js";

/** deepEqual as it was written first, with every/filter. */
function reference(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => reference(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => reference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const value = fc.anything({ withSparseArray: true, withNullPrototype: true, withBoxedValues: true, key: fc.constantFrom("a", "b", "c", "toString", "__proto__", "0") });

describe("deepEqual", () => {
  it("agrees with the reference on random pairs and on a value and its copy", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(deepEqual(a, b)).toBe(reference(a, b));
        const copy = structuredClone(a);
        expect(deepEqual(a, copy)).toBe(reference(a, copy));
      }),
      { numRuns: 20000 },
    );
  });

  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, c: 2 }, false],
    [[1, [2, { x: null }]], [1, [2, { x: null }]], true],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ toString: "x" }, { y: "x" }, false],
    [NaN, NaN, false],
  ])("%j and %j: %s", (a, b, equal) => expect(deepEqual(a, b)).toBe(equal));
});
