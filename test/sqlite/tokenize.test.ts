import { describe, expect, it } from "vitest";
import { indexTermError, singleExpressionError, tokenize, tokenizeChecked } from "../../src/sqlite/tokenize.js";
import { isBareIdent, quoteIdent, quoteIdentIfNeeded, quoteString } from "../../src/sqlite/quote.js";

const kinds = (sql: string): string[] => tokenize(sql).map((t) => `${t.kind}:${t.value}`);

describe("quote", () => {
  it.each([
    ["a", '"a"'],
    ['my "x"', '"my ""x"""'],
    ["", '""'],
    ["ünï", '"ünï"'],
  ])("quoteIdent(%j) = %s", (name, quoted) => expect(quoteIdent(name)).toBe(quoted));
  it.each([
    ["it's", "'it''s'"],
    ["", "''"],
    ["a--b;", "'a--b;'"],
  ])("quoteString(%j) = %s", (value, quoted) => expect(quoteString(value)).toBe(quoted));
  it.each([
    ["abc", true],
    ["_a$1", true],
    ["order", false],
    ["Select", false],
    ["true", false],
    ["1a", false],
    ["a b", false],
    ["é", false],
    ["", false],
  ])("isBareIdent(%j) = %s", (name, bare) => expect(isBareIdent(name)).toBe(bare));
  it("quotes only when needed", () => {
    expect(quoteIdentIfNeeded("name")).toBe("name");
    expect(quoteIdentIfNeeded("group")).toBe('"group"');
  });
});

describe("tokenize", () => {
  it.each<[string, string[]]>([
    ['"a b" [c d] `e``f` g', ["ident:a b", "ident:c d", "ident:e`f", "ident:g"]],
    ['"say ""hi"""', ['ident:say "hi"']],
    ["'it''s' x'0aFF' X''", ["string:it's", "blob:x'0aFF'", "blob:X''"]],
    ["1 1.5 .5 1e10 1.5E-3 0x1F 1_000", ["number:1", "number:1.5", "number:.5", "number:1e10", "number:1.5E-3", "number:0x1F", "number:1_000"]],
    ["? ?12 :a @b $c::d", ["param:?", "param:?12", "param::a", "param:@b", "param:$c::d"]],
    ["a||b->c->>d<<1>>2<=3>=4==5!=6<>7", ["ident:a", "op:||", "ident:b", "op:->", "ident:c", "op:->>", "ident:d", "op:<<", "number:1", "op:>>", "number:2", "op:<=", "number:3", "op:>=", "number:4", "op:==", "number:5", "op:!=", "number:6", "op:<>", "number:7"]],
    ["select Key from t -- comment\n; /* block */ x", ["keyword:SELECT", "keyword:KEY", "keyword:FROM", "ident:t", "semicolon:;", "ident:x"]],
    ["t.c(1,2)", ["ident:t", "dot:.", "ident:c", "lparen:(", "number:1", "comma:,", "number:2", "rparen:)"]],
    ["'a -- b; \"c' ünï", ["string:a -- b; \"c", "ident:ünï"]],
    ["a-1 -b", ["ident:a", "op:-", "number:1", "op:-", "ident:b"]],
  ])("%j", (sql, expected) => expect(kinds(sql)).toEqual(expected));

  it("keeps source spans", () => {
    const sql = ' "x" + 1';
    for (const t of tokenize(sql)) expect(sql.slice(t.start, t.end)).toBe(t.text);
  });

  it.each([
    ["'abc", "unterminated string"],
    ['"abc', "unterminated quoted identifier"],
    ["[abc", "unterminated quoted identifier"],
    ["a /* b", "unterminated /* comment"],
    ["x'abc'", "malformed blob"],
    ["a # b", "illegal character"],
    ["12abc", "malformed number"],
  ])("reports %j", (sql, message) => {
    const r = tokenizeChecked(sql);
    expect(r.error).toContain(message);
  });

  it("returns tokens before the error and never throws", () => {
    expect(kinds("a + 'oops")).toEqual(["ident:a", "op:+"]);
  });
});

describe("singleExpressionError", () => {
  it.each([
    "a > 0",
    "type IN ('a', 'b')",
    "(a) + (b)",
    "x IS NOT DISTINCT FROM y",
    "EXISTS (SELECT 1 FROM t WHERE a = 1)",
    "CASE WHEN a THEN 1 ELSE 2 END",
    "name COLLATE NOCASE",
    "'a;b--c'",
    "a > 0 -- positive\n",
    "a /* c */ > 0",
    "-1",
    "CURRENT_TIMESTAMP",
    "key > 0",
  ])("accepts %j", (sql) => expect(singleExpressionError(sql)).toBeNull());

  it.each([
    "1); DROP TABLE x; --",
    "a > 0) OR (1",
    "",
    "   ",
    "x;",
    "a > 0 --",
    "(a",
    "a, b",
    "SELECT 1",
    "1 FROM t",
    "a DESC",
    "0 CHECK (1)",
    "'open",
    "a /* x",
  ])("rejects %j", (sql) => {
    const reason = singleExpressionError(sql);
    expect(reason).toEqual(expect.any(String));
    expect(reason).not.toContain("\n");
  });

  it("index terms may end with a sort order", () => {
    expect(indexTermError("created_at DESC")).toBeNull();
    expect(indexTermError("name COLLATE NOCASE ASC")).toBeNull();
    expect(indexTermError("lower(name)")).toBeNull();
    expect(indexTermError("a, b")).not.toBeNull();
    expect(indexTermError("DESC")).not.toBeNull();
  });
});
