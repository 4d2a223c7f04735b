/**
 * The YAML reader skips yaml's quadratic duplicate key check unless a one-pass check finds a
 * duplicate (or yaml reports any other error), collects anchors in its own walk and reads
 * `process.env` from a plain copy while yaml parses. None of that may change a result: on any
 * text it must return what the reader did before (parse-reference.ts), data, positions and
 * diagnostics alike.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYaml, withPlainEnv } from "../../src/load/parse.js";
import { referenceParseYaml } from "./parse-reference.js";

const KEYS = [
  "a", "b", "A", "1", "1.0", "01", "0x1", "+1", "true", "True", "TRUE", "null", "~", "''", '"a"', "'a'", ".nan", ".NaN",
  "-.inf", "__proto__", "a/b", "t~x", "? a", "!!str 1", "&k a", "*k", "<<", "é", '"1"',
];
const SCALARS = [
  "1", "1.50", "0x1F", "0o17", "-0", ".inf", "true", "null", "~", "", "text", "'q''s'", '"d\\n"', "*a1", "*a2", "*m1",
  "*missing", "&a1 x", "&a2 1.5", "[1, 2]", "{ a: 1, a: 2 }", "{ x: 1, y: 2 }", "{ 1: a, 1.0: b }", "[ a: 1, a: 2 ]",
  "{ <<: *m1, x: 3 }", "[*m1, *a1]", "!!binary aGk=", "2001-12-14", "[unclosed", "a: b", "'unterminated",
];

type Tree = string | { readonly kind: "map"; readonly anchor: string; readonly items: readonly [string, Tree][] } | { readonly kind: "seq"; readonly items: readonly Tree[] };

const tree = fc.letrec<{ node: Tree; map: Tree; seq: Tree }>((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.constantFrom(...SCALARS), tie("map"), tie("seq")),
  map: fc.record({
    kind: fc.constant("map" as const),
    anchor: fc.constantFrom("", "", " &m1", " &m2"),
    items: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("node")), { maxLength: 5 }),
  }),
  seq: fc.record({ kind: fc.constant("seq" as const), items: fc.array(tie("node"), { maxLength: 4 }) }),
}));

/** Block-style YAML for a tree, with an occasional defect (a tab, a bad indent) at a line. */
function render(t: Tree, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  if (typeof t === "string") {
    out.push(`${pad}${t}`);
    return;
  }
  if (t.kind === "map") {
    for (const [k, v] of t.items) {
      if (typeof v === "string") out.push(`${pad}${k}: ${v}`);
      else {
        out.push(`${pad}${k}:${v.kind === "map" ? v.anchor : ""}`);
        render(v, indent + 2, out);
      }
    }
    return;
  }
  for (const v of t.items) {
    if (typeof v === "string") out.push(`${pad}- ${v}`);
    else {
      out.push(`${pad}-${v.kind === "map" ? v.anchor : ""}`);
      render(v, indent + 2, out);
    }
  }
}

const yamlText = fc
  .tuple(tree.node, fc.constantFrom("", "", "", "\t", " ", "x: [", "---"), fc.nat(12))
  .map(([t, defect, line]) => {
    const lines: string[] = ["top: &m1 { x: 1, y: 2 }", "other: &m2 [1, 2]"];
    render(typeof t === "string" ? { kind: "map", anchor: "", items: [["k", t]] } : t, 0, lines);
    if (defect !== "") lines.splice(Math.min(line, lines.length), 0, defect);
    return `${lines.join("\n")}\n`;
  });

describe("parseYaml equals the reader it replaced", () => {
  it("on generated documents: duplicates, anchors, merges, odd keys, syntax errors", () => {
    let failed = 0;
    let duplicates = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        const got = parseYaml(text, "f.yaml");
        const expected = referenceParseYaml(text, "f.yaml");
        expect(got).toEqual(expected);
        if (!expected.ok) failed++;
        if (!expected.ok && expected.diagnostics.some((d) => d.code === "SCHEMA_DUPLICATE")) duplicates++;
      }),
      { numRuns: 3000 },
    );
    // Both paths were taken many times.
    expect(duplicates).toBeGreaterThan(100);
    expect(failed).toBeLessThan(2500);
  });

  it.each([
    ["a duplicate in a block map", "a: 1\nb: 2\na: 3\n"],
    ["a duplicate in a flow map", "t: { a: 1, b: 2, a: 3 }\n"],
    ["equal values spelled differently", "1: a\n1.0: b\ntrue: c\nTrue: d\n~: e\nnull: f\n"],
    ["values that are not equal", "1: a\n'1': b\n.nan: c\n.nan: d\n"],
    ["duplicates deep down and a syntax error", "a:\n  b:\n    c: 1\n    c: 2\nd: [1, 2\n"],
    ["duplicate merge keys", "base: &b { x: 1 }\nuse:\n  <<: *b\n  <<: *b\n"],
    ["a duplicate key with an anchor", "&k a: 1\na: 2\n"],
    ["a key used again through an alias", "x: &n a\n*n : 1\na: 2\n"],
  ])("%s", (_name, text) => {
    expect(parseYaml(text, "f.yaml")).toEqual(referenceParseYaml(text, "f.yaml"));
  });

  it("reports a duplicate key at the second one, as yaml does", () => {
    const result = parseYaml("tables:\n  t: {}\n  u: {}\n  t: {}\n", "a.yaml");
    expect(result.ok ? [] : result.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([["SCHEMA_DUPLICATE", 4, 3]]);
  });
});

describe("withPlainEnv", () => {
  it("gives the same values and puts the real process.env back, also after a throw", () => {
    const env = process.env;
    expect(withPlainEnv(() => process.env.PATH)).toBe(env.PATH);
    expect(withPlainEnv(() => process.env === env)).toBe(false);
    expect(() =>
      withPlainEnv(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(process.env).toBe(env);
    parseYaml("a: 1\n", "a.yaml");
    expect(process.env).toBe(env);
  });
});
