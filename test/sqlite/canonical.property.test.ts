import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalExpr, canonicalSql } from "../../src/sqlite/canonical.js";
import { singleExpressionError, tokenize } from "../../src/sqlite/tokenize.js";

/** Fragments that each tokenize to exactly one token. */
const FRAGMENTS = [
  "a", "B", "_x1", "key", "Order", "true", '"a"', '"order"', '"a b"', '"q""x"', "[c d]", "`e`", '"ünï"', "ünï",
  "SELECT", "from", "NULL", "end", "case", "when", "then", "in", "not", "is", "and", "current_timestamp",
  "'s'", "'it''s'", "'--'", "';'", "'/*'", "'\"'", "1", "1.5", ".5", "1e-3", "0x1F", "x'0a'",
  "-", "+", "~", "*", "/", "%", "||", "->", "->>", "<", "<=", "<>", "!=", "==", "=", "<<", "&",
  "(", ")", ",", ".", ";", "?", ":p", "@p", "$p",
];
const GAPS = [" ", "", "  ", "\n", "\t", " /* c */ ", " -- c\n"];

/** Joins fragments with gaps, inserting a space where two fragments would merge into one token. */
function join(parts: readonly string[], gaps: readonly string[]): string {
  let out = "";
  parts.forEach((p, k) => {
    const gap = k === 0 ? "" : gaps[k % gaps.length];
    const candidate = out + gap + p;
    out = tokenize(candidate).length === tokenize(out).length + 1 ? candidate : `${out} ${p}`;
  });
  return out;
}

const sql = fc
  .tuple(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }), fc.array(fc.constantFrom(...GAPS), { minLength: 1, maxLength: 5 }))
  .map(([parts, gaps]) => join(parts, gaps))
  .filter((s) => tokenize(s).length > 0 || s === "");

/** What a token means: kind plus name/value, independent of spelling. */
const meaning = (s: string): string[] =>
  tokenize(s).map((t) => `${t.kind}:${t.kind === "ident" ? t.value.toLowerCase() : t.kind === "op" ? ({ "==": "=", "<>": "!=" }[t.text] ?? t.text) : t.value}`);

describe("canonicalSql properties", () => {
  const resolveAll = { resolve: (n: string) => n };
  const resolveNone = { resolve: () => undefined };

  it("is idempotent", () => {
    fc.assert(fc.property(sql, (s) => {
      for (const o of [{}, resolveAll, resolveNone]) expect(canonicalSql(canonicalSql(s, o), o)).toBe(canonicalSql(s, o));
    }), { numRuns: 1500 });
  });

  it("keeps every token's meaning (nothing merges, splits, or turns into a comment)", () => {
    fc.assert(fc.property(sql, (s) => {
      for (const o of [{}, resolveAll, resolveNone]) expect(meaning(canonicalSql(s, o))).toEqual(meaning(s));
    }), { numRuns: 1500 });
  });

  it("canonicalExpr only ever removes enclosing parentheses", () => {
    fc.assert(fc.property(sql, (s) => {
      const full = meaning(canonicalSql(s));
      const expr = meaning(canonicalExpr(s));
      const removed = (full.length - expr.length) / 2;
      expect(Number.isInteger(removed) && removed >= 0).toBe(true);
      expect(full.slice(removed, full.length - removed)).toEqual(expr);
    }), { numRuns: 1500 });
  });
});

describe("singleExpressionError property", () => {
  const text = fc
    .tuple(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }), fc.constantFrom("", " -- tail", " /* tail */", "\n"))
    .map(([parts, tail]) => join(parts, [" "]) + tail);

  it("accepted text never escapes the parentheses or DEFAULT it is embedded in", () => {
    fc.assert(fc.property(text, (s) => {
      if (singleExpressionError(s) !== null) return;
      const check = tokenize(`CHECK (${s}) NOT NULL`);
      const close = check.findIndex((t, k) => t.kind === "rparen" && k > 1 && depthAt(check, k) === 0);
      expect(close).toBe(check.length - 3);
      expect(check.some((t) => t.kind === "semicolon")).toBe(false);
      expect(check.some((t, k) => t.kind === "comma" && depthAt(check, k) < 2)).toBe(false);
    }), { numRuns: 3000 });
  });
});

/** Parenthesis depth after token k. */
function depthAt(tokens: ReturnType<typeof tokenize>, k: number): number {
  let d = 0;
  for (let i = 0; i <= k; i++) d += tokens[i].kind === "lparen" ? 1 : tokens[i].kind === "rparen" ? -1 : 0;
  return d;
}
