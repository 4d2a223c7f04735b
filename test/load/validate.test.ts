/** Structural validation against schema/schemadiff.schema.json: codes, positions, suggestions. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { closest, editDistance } from "../../src/load/did-you-mean.js";
import { parseYaml } from "../../src/load/parse.js";
import { SCHEMA_URL, validateSource } from "../../src/load/validate.js";
import { diagnosticsOf, load, positions } from "./helpers.js";

describe("the JSON Schema", () => {
  test("is found relative to the module, at the package root's schema/ folder", () => {
    const path = fileURLToPath(SCHEMA_URL);
    expect(path.endsWith("/schema/schemadiff.schema.json")).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  test("closes every object and describes every property", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as unknown;
    const problems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      const types = Array.isArray(n.type) ? n.type : [n.type];
      if (n.properties !== undefined && types.includes("object") && n.additionalProperties !== false) problems.push(`${path} is open`);
      if (n.properties !== undefined) {
        for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (v.description === undefined && v.$ref === undefined) problems.push(`${path}.${k} has no description`);
        }
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${path}.${k}`);
    };
    walk(schema, "$");
    expect(problems).toEqual([]);
  });
});

describe("docs/FORMAT.md", () => {
  test("every YAML example in it is valid against the JSON Schema", () => {
    const doc = readFileSync(new URL("../../docs/FORMAT.md", import.meta.url), "utf8");
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(4);
    for (const block of blocks) {
      const parsed = parseYaml(block, "FORMAT.md");
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(validateSource(parsed.value)).toEqual([]);
    }
  });
});

describe("did you mean", () => {
  test("edit distance counts a swap of neighbours as one edit", () => {
    expect(editDistance("not_null", "not_nlul")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  test("finds close words and ignores case and separators", () => {
    const keys = ["type", "not_null", "default", "collate", "primary_key", "references"];
    expect(closest("not_nul", keys)).toBe("not_null");
    expect(closest("notNull", keys)).toBe("not_null");
    expect(closest("primary-key", keys)).toBe("primary_key");
    expect(closest("refrences", keys)).toBe("references");
    expect(closest("tpye", keys)).toBe("type");
    expect(closest("zebra", keys)).toBeNull();
  });
});

describe("structural diagnostics point at the offending key or value", () => {
  test("an unknown key, with a suggestion", async () => {
    const result = await load("tables:", "  goals:", "    columns:", "      id: { type: TEXT, not_nul: true }");
    expect(positions(result)).toEqual([["SCHEMA_UNKNOWN_KEY", 4, 25]]);
    expect(diagnosticsOf(result)[0].message).toContain("`not_null`");
  });

  test("an unknown top-level key", async () => {
    const result = await load("table:", "  goals:", "    columns: { id: TEXT }");
    expect(positions(result)).toEqual([["SCHEMA_UNKNOWN_KEY", 1, 1]]);
    expect(diagnosticsOf(result)[0].message).toContain("`tables`");
  });

  test("an unknown table key in block style", async () => {
    const result = await load("tables:", "  goals:", "    colums:", "      id: TEXT");
    expect(positions(result)).toEqual([
      ["SCHEMA_MISSING_KEY", 2, 3],
      ["SCHEMA_UNKNOWN_KEY", 3, 5],
    ]);
    expect(diagnosticsOf(result)[1].message).toContain("`columns`");
  });

  test("a wrong type", async () => {
    const result = await load("tables:", "  goals:", "    strict: yes", "    columns:", "      id: { type: TEXT, not_null: 1 }");
    expect(positions(result)).toEqual([
      ["SCHEMA_TYPE", 3, 13],
      ["SCHEMA_TYPE", 5, 35],
    ]);
  });

  test("a column that is neither a type nor a map", async () => {
    expect(positions(await load("tables:", "  t:", "    columns:", "      id: 5"))).toEqual([["SCHEMA_TYPE", 4, 11]]);
    expect(positions(await load("tables:", "  t:", "    columns:", "      id: [TEXT]"))).toEqual([["SCHEMA_TYPE", 4, 11]]);
  });

  test("a missing required key is reported at the object's name", async () => {
    const result = await load(
      "tables:",
      "  t:",
      "    columns: { id: INTEGER }",
      "triggers:",
      "  trg:",
      "    table: t",
      "    timing: AFTER",
      "    event: INSERT",
    );
    expect(positions(result)).toEqual([["SCHEMA_MISSING_KEY", 5, 3]]);
    expect(diagnosticsOf(result)[0].message).toContain("`body`");
  });

  test("an enum value in the wrong case gets the fix as a hint", async () => {
    const result = await load("tables:", "  p:", "    columns:", "      id: { type: INTEGER, references: { table: p, on_delete: cascade } }");
    expect(positions(result)).toEqual([["SCHEMA_TYPE", 4, 63]]);
    expect(diagnosticsOf(result)[0].hint).toBe("write `CASCADE`");
  });

  test("empty lists and maps where something is needed", async () => {
    expect(positions(await load("tables:", "  t:", "    columns: {}"))).toEqual([["SCHEMA_TYPE", 3, 14]]);
    expect(positions(await load("tables:", "  t:", "    columns: { a: INT }", "    indexes:", "      i: []"))).toEqual([["SCHEMA_TYPE", 5, 10]]);
  });

  test("a top level that is not a map", async () => {
    expect(positions(await load("- tables"))).toEqual([["SCHEMA_TYPE", 1, 1]]);
  });

  test("every problem of a file is reported at once", async () => {
    const result = await load(
      "tables:",
      "  a:",
      "    columns:",
      "      x: { typ: TEXT }",
      "  b:",
      "    columns:",
      "      y: { type: TEXT, unique: maybe }",
      "views:",
      "  v: 3",
    );
    expect(positions(result)).toEqual([
      ["SCHEMA_UNKNOWN_KEY", 4, 12],
      ["SCHEMA_TYPE", 7, 32],
      ["SCHEMA_TYPE", 9, 6],
    ]);
  });
});
