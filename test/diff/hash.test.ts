/** canonicalJson writes plain data straight out; it must say exactly what the general way says. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, schemaHash, sha256Hex } from "../../src/hash.js";
import type { Schema } from "../../src/model.js";

/** The general way: sorted copies of every object, then JSON.stringify. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[key];
        if (x !== undefined) out[key] = sortKeys(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

describe("canonicalJson", () => {
  it("equals the general way on any value", () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
      key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "toJSON", "0", "10", "9", "01", "-1", "4294967295", "a", "b")),
    });
    fc.assert(
      fc.property(anything, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 20000 },
    );
  });

  it("sorts keys at every level, keeps array order, drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, undefined], u: undefined, "": -0, x: Number.NaN })).toBe('{"":0,"a":[{"c":3,"d":2},null],"b":1,"x":null}');
  });

  it("lists integer-like keys as JSON.stringify does, and calls toJSON members", () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"9":3,"10":2,"b":1}');
    expect(canonicalJson({ a: { toJSON: () => "x" } })).toBe('{"a":"x"}');
    expect(canonicalJson({ f: () => 1, s: Symbol("s"), a: [() => 1] })).toBe('{"a":[null]}');
  });

  it("a schema hash is the SHA-256 of the canonical JSON", () => {
    const schema: Schema = { tables: [], views: [{ name: "v", columns: null, select: "SELECT 1" }], triggers: [], virtualTables: [] };
    expect(schemaHash(schema)).toBe(sha256Hex('{"tables":[],"triggers":[],"views":[{"columns":null,"name":"v","select":"SELECT 1"}],"virtualTables":[]}'));
  });
});
