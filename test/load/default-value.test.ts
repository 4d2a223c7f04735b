/** The Defaults rules of docs/FORMAT.md, both directions. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultToSql, looksLikeSql, sqlToDefault, type DefaultValue } from "../../src/load/default-value.js";

describe("defaultToSql", () => {
  const cases: [DefaultValue, string | undefined, string][] = [
    [0, "0", "0"],
    [1.5, "1.50", "1.50"],
    [-1.5, "-1.5", "-1.5"],
    [31, "0x1F", "0x1F"],
    [15, "0o17", "15"],
    [1e21, undefined, "1e+21"],
    [true, undefined, "1"],
    [false, undefined, "0"],
    [null, undefined, "NULL"],
    ["0", undefined, "0"],
    ["-2.5e3", undefined, "-2.5e3"],
    ["'open'", undefined, "'open'"],
    ["X'00ff'", undefined, "X'00ff'"],
    ["(1 + 1)", undefined, "(1 + 1)"],
    ["current_timestamp", undefined, "current_timestamp"],
    ["CURRENT_DATE", undefined, "CURRENT_DATE"],
    ["Null", undefined, "Null"],
    ["TRUE", undefined, "TRUE"],
    ["open", undefined, "'open'"],
    ["it's", undefined, "'it''s'"],
    ["", undefined, "''"],
    ["(none", undefined, "'(none'"],
    ["1 + 1", undefined, "'1 + 1'"],
    [" 0", undefined, "' 0'"],
    [{ sql: "abc" }, undefined, "abc"],
  ];
  test.each(cases)("%j (written %s) -> %s", (value, text, sql) => {
    expect(defaultToSql(value, text)).toBe(sql);
  });
});

describe("sqlToDefault picks the shortest YAML value", () => {
  const cases: [string, DefaultValue][] = [
    ["0", 0],
    ["-1", -1],
    ["1.5", 1.5],
    ["1.50", "1.50"],
    ["0x1F", "0x1F"],
    ["-0", "-0"],
    ["9223372036854775807", "9223372036854775807"],
    ["'open'", "open"],
    ["'0'", "'0'"],
    ["'CURRENT_TIMESTAMP'", "'CURRENT_TIMESTAMP'"],
    ["'(none)'", "'(none)'"],
    ["'it''s'", "it's"],
    ["''", ""],
    ["NULL", null],
    ["CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"],
    ["TRUE", "TRUE"],
    ["(1 + 1)", "(1 + 1)"],
    ["X'00'", "X'00'"],
    ["abc", { sql: "abc" }],
    ['"q"', { sql: '"q"' }],
  ];
  test.each(cases)("%s -> %j", (sql, value) => {
    expect(sqlToDefault(sql)).toEqual(value);
  });

  test("is the inverse of defaultToSql for any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String), fc.string().map((s) => `'${s.replaceAll("'", "''")}'`)), (sql) => {
        const value = sqlToDefault(sql);
        expect(defaultToSql(value, typeof value === "number" ? String(value) : undefined)).toBe(sql);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("looksLikeSql", () => {
  test("only the forms FORMAT.md lists", () => {
    expect(["1", "+1", "-.5", "1e-3", "0xff", "1_000", "'a'", "x''", "(a)", "current_time", "false"].every(looksLikeSql)).toBe(true);
    expect(["open", "1 2", "(a", "a)", "'a", "CURRENT", "nul", "0x", "1e", "--1"].some(looksLikeSql)).toBe(false);
  });
});
