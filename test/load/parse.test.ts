/** Reading YAML files: syntax errors, limits, empty input, folders, positions. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSchema } from "../../src/load/index.js";
import { MAX_FILE_BYTES, parseYaml, readSchemaFiles } from "../../src/load/parse.js";
import { where } from "../../src/load/position.js";
import { diagnosticsOf, folder, load, positions, sqljs, valueOf } from "./helpers.js";

describe("parseYaml", () => {
  test("keeps the position of every key and value by JSON pointer", () => {
    const src = valueOf(parseYaml("tables:\n  goals:\n    columns:\n      id: TEXT\n", "a.yaml"));
    expect(where(src, "/tables/goals", "key")).toEqual({ file: "a.yaml", line: 2, col: 3 });
    expect(where(src, "/tables/goals/columns/id", "key")).toEqual({ file: "a.yaml", line: 4, col: 7 });
    expect(where(src, "/tables/goals/columns/id")).toEqual({ file: "a.yaml", line: 4, col: 11 });
    // Unknown pointers fall back to the nearest known ancestor.
    expect(where(src, "/tables/goals/columns/id/type")).toEqual({ file: "a.yaml", line: 4, col: 11 });
  });

  test("map keys keep their source text and number values their spelling", () => {
    const src = valueOf(parseYaml("True: 1.50\n1.0: 0x1F\nnull: 7\n", "a.yaml"));
    expect(Object.keys(src.data as object)).toEqual(["True", "1.0", "null"]);
    expect(src.numberText.get("/True")).toBe("1.50");
    expect(src.numberText.get("/1.0")).toBe("0x1F");
    expect(src.keyOrder.get("")).toEqual(["True", "1.0", "null"]);
  });

  test("keeps integer-like keys in file order", () => {
    const src = valueOf(parseYaml("b: 1\n2: 2\na: 3\n1: 4\n", "a.yaml"));
    expect(src.keyOrder.get("")).toEqual(["b", "2", "a", "1"]);
  });

  test("`__proto__` is an ordinary key", () => {
    const src = valueOf(parseYaml("__proto__: 1\n", "a.yaml"));
    expect(Object.keys(src.data as object)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(src.data)).toBe(Object.prototype);
  });

  test("resolves aliases and merge keys", () => {
    const src = valueOf(parseYaml("base: &b { x: 1, y: 2 }\nuse: { <<: *b, y: 3 }\nlist: [*b]\n", "a.yaml"));
    expect(src.data).toEqual({ base: { x: 1, y: 2 }, use: { y: 3, x: 1 }, list: [{ x: 1, y: 2 }] });
  });

  test("malformed YAML is YAML_SYNTAX at the line and column", () => {
    expect(positions(parseYaml("tables:\n  t: [a, b\n", "a.yaml"))).toEqual([["YAML_SYNTAX", 3, 1]]);
    expect(positions(parseYaml("tables:\n\tt: 1\n", "a.yaml"))[0][0]).toBe("YAML_SYNTAX");
  });

  test("a key given twice in one map is SCHEMA_DUPLICATE at the second one", () => {
    expect(positions(parseYaml("tables:\n  t: {}\n  t: {}\n", "a.yaml"))).toEqual([["SCHEMA_DUPLICATE", 3, 3]]);
  });

  test("several documents in one file are a syntax error", () => {
    expect(positions(parseYaml("tables: {}\n---\nviews: {}\n", "a.yaml"))[0][0]).toBe("YAML_SYNTAX");
  });

  test("an alias bomb stops with YAML_TOO_LARGE", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, name] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"], ["f", "g"], ["g", "h"], ["h", "i"]]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const result = parseYaml(lines.join("\n"), "bomb.yaml");
    expect(diagnosticsOf(result).map((d) => d.code)).toEqual(["YAML_TOO_LARGE"]);
  });

  test("a self-referencing alias is an error, not a hang", () => {
    expect(positions(parseYaml("a: &x [1, *x]\n", "a.yaml"))[0][0]).toBe("YAML_SYNTAX");
  });

  test("text over the size limit is YAML_TOO_LARGE", () => {
    const big = `# ${"x".repeat(MAX_FILE_BYTES)}\n`;
    expect(diagnosticsOf(parseYaml(big, "big.yaml")).map((d) => d.code)).toEqual(["YAML_TOO_LARGE"]);
  });

  test("an empty or comment-only file has no data", () => {
    expect(valueOf(parseYaml("", "a.yaml")).data).toBeNull();
    expect(valueOf(parseYaml("# nothing here\n", "a.yaml")).data).toBeNull();
  });
});

describe("reading files and folders", () => {
  test("a missing path is SCHEMA_NOT_FOUND", () => {
    const result = readSchemaFiles("/nonexistent/schema.yaml");
    expect(diagnosticsOf(result).map((d) => [d.code, d.file])).toEqual([["SCHEMA_NOT_FOUND", "/nonexistent/schema.yaml"]]);
  });

  test("a folder without YAML files is SCHEMA_NOT_FOUND", () => {
    const dir = folder({ "notes.txt": "tables: {}" });
    expect(diagnosticsOf(readSchemaFiles(dir)).map((d) => d.code)).toEqual(["SCHEMA_NOT_FOUND"]);
  });

  test("a folder is every .yaml and .yml file in name order", () => {
    const dir = folder({ "b.yml": "views: {}", "a.yaml": "tables: {}", "c.txt": "x", "C.YAML": "triggers: {}" });
    const files = valueOf(readSchemaFiles(dir)).map((s) => s.file);
    expect(files).toEqual([join(dir, "C.YAML"), join(dir, "a.yaml"), join(dir, "b.yml")]);
  });

  test("a file over the size limit is YAML_TOO_LARGE before it is read", () => {
    const dir = folder({});
    const file = join(dir, "big.yaml");
    writeFileSync(file, " ".repeat(MAX_FILE_BYTES + 1));
    expect(diagnosticsOf(readSchemaFiles(file)).map((d) => [d.code, d.file])).toEqual([["YAML_TOO_LARGE", file]]);
  });

  test("an empty file alone is SCHEMA_EMPTY: it would drop every table", async () => {
    expect(positions(await load(""))).toEqual([["SCHEMA_EMPTY", undefined, undefined]]);
    expect(positions(await load("# just a comment"))).toEqual([["SCHEMA_EMPTY", undefined, undefined]]);
  });

  test("an explicitly empty schema loads", async () => {
    const declared = valueOf(await load("tables: {}"));
    expect(declared.schema).toEqual({ tables: [], views: [], triggers: [], virtualTables: [] });
  });

  test("an empty file next to others is only a warning", async () => {
    const dir = folder({ "a.yaml": "tables:\n  t:\n    columns:\n      id: INTEGER\n", "b.yaml": "" });
    const result = loadSchema(dir, await sqljs());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.code, w.file])).toEqual([["SCHEMA_EMPTY", join(dir, "b.yaml")]]);
  });

  test("syntax errors of several files are all reported", async () => {
    const dir = folder({ "a.yaml": "tables: [\n", "b.yaml": "views: {\n" });
    const result = loadSchema(dir, await sqljs());
    expect(diagnosticsOf(result).map((d) => [d.code, d.file])).toEqual([
      ["YAML_SYNTAX", join(dir, "a.yaml")],
      ["YAML_SYNTAX", join(dir, "b.yaml")],
    ]);
  });
});
