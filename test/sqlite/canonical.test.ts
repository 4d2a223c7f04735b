import { describe, expect, it } from "vitest";
import { canonicalExpr, canonicalSql } from "../../src/sqlite/canonical.js";

describe("canonicalSql", () => {
  it.each([
    ["select  a,b from   t", "SELECT a, b FROM t"],
    ['SELECT "a" , [b], `c` FROM "t"', "SELECT a, b, c FROM t"],
    ['select "order", "group" from "my table"', 'SELECT "order", "group" FROM "my table"'],
    ['select "ünï", "a""b" from t', 'SELECT "ünï", "a""b" FROM t'],
    ["select ünï from t", 'SELECT "ünï" FROM t'],
    ["SELECT 'It''s -- not; a \"comment\"' -- real comment\nFROM t", "SELECT 'It''s -- not; a \"comment\"' FROM t"],
    ["select /* x */ t . a from t", "SELECT t.a FROM t"],
    ["select lower ( name ) , count( * ) from t", "SELECT lower(name), count(*) FROM t"],
    ["x in ( 'a','b' )", "x IN ('a', 'b')"],
    ["a==1 and b<>2", "a = 1 AND b != 2"],
    ["- 1", "-1"],
    ["a-1", "a - 1"],
    ["a - -1", "a - -1"],
    ["- - 1", "- -1"],
    ["x = - ( 1 + 2 )", "x = -(1 + 2)"],
    ["case when a then -1 else +2 end - 1", "CASE WHEN a THEN -1 ELSE +2 END - 1"],
    ["null - 1", "NULL - 1"],
    ["cast ( a as text )", "CAST(a AS text)"],
    ["true or false", "TRUE OR FALSE"],
    ['"true"', '"true"'],
    ["current_timestamp", "CURRENT_TIMESTAMP"],
    ["x'0A' || 1.5e3", "x'0A' || 1.5e3"],
    ["a ->> '$.b'", "a ->> '$.b'"],
    ["Key > 0", "KEY > 0"],
    ["update t set b = new.a ; delete from u ;", "UPDATE t SET b = new.a; DELETE FROM u;"],
    ["", ""],
  ])("%j -> %j", (input, expected) => expect(canonicalSql(input)).toBe(expected));

  it("returns text that does not tokenize verbatim (trimmed)", () => {
    expect(canonicalSql("  a = 'open ")).toBe("a = 'open");
  });

  it("keeps an unknown double-quoted name quoted when a resolver is given (it may be a string)", () => {
    const columns = new Map([["status", "status"], ["name", "Name"]]);
    const resolve = (n: string): string | undefined => columns.get(n.toLowerCase());
    expect(canonicalSql('"status" IN ("open", "done")', { resolve })).toBe('status IN ("open", "done")');
    expect(canonicalSql('NAME = "Name"', { resolve })).toBe("Name = Name");
    expect(canonicalSql('"t"."x" = "f"(1)', { resolve })).toBe("t.x = f(1)");
  });
});

describe("canonicalExpr", () => {
  it.each([
    ["(a>0)", "a > 0"],
    ['( "a" > 0 )', "a > 0"],
    ["((a > 0))", "a > 0"],
    ["(a) + (b)", "(a) + (b)"],
    ["(a + b) * (c)", "(a + b) * (c)"],
    ["x IN ('a','b')", "x IN ('a', 'b')"],
    ["(x IN ('a','b'))", "x IN ('a', 'b')"],
    ["((1+1))", "1 + 1"],
    ["()", "()"],
    ["f(a)", "f(a)"],
  ])("%j -> %j", (input, expected) => expect(canonicalExpr(input)).toBe(expected));

  it("gives both spellings of the same CHECK the same text", () => {
    expect(canonicalExpr("a>0")).toBe(canonicalExpr(' ( "a"  >  0 ) '));
  });
});
